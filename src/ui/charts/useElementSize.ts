import { useEffect, useState, type RefObject } from 'react';

export interface ElementSize {
  readonly width: number;
  readonly height: number;
}

type Measure<T> = (box: DOMRectReadOnly, old: T) => T;

/**
 * A value measured from `ref`'s element's content box, updated whenever the layout resizes it: a
 * ResizeObserver reports only then, so nothing is measured per frame. `measure` must be defined
 * outside the component and return `old` when nothing it reports changed.
 */
function useObservedBox<T>(ref: RefObject<HTMLElement | null>, initial: T, measure: Measure<T>): T {
  const [value, setValue] = useState(initial);
  useEffect(() => {
    const element = ref.current;
    if (element === null) return;
    const observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]?.contentRect;
      if (box !== undefined) setValue((old) => measure(box, old));
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
    };
  }, [ref, measure]);
  return value;
}

const UNKNOWN: ElementSize = { width: 0, height: 0 };

const measureSize: Measure<ElementSize> = (box, old) => {
  const width = Math.floor(box.width);
  const height = Math.floor(box.height);
  return old.width === width && old.height === height ? old : { width, height };
};

const measureWidth: Measure<number> = (box) => Math.floor(box.width);

/** The width and height of `ref`'s element, in whole CSS pixels (0 before they are known). */
export function useElementSize(ref: RefObject<HTMLElement | null>): ElementSize {
  return useObservedBox(ref, UNKNOWN, measureSize);
}

/** The width of `ref`'s element, in whole CSS pixels (0 before it is known). */
export function useElementWidth(ref: RefObject<HTMLElement | null>): number {
  return useObservedBox(ref, 0, measureWidth);
}

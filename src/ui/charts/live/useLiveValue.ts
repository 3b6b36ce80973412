import { startTransition, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { shallow } from 'zustand/shallow';
import type { PlaygroundState } from '../../store/playgroundStore';
import { PlaygroundContext } from '../../training/context';
import type { LiveChartHandle } from './chartScheduler';
import { useChartScheduler } from './LiveChartsProvider';

export interface LiveValue<T> {
  /** What the chart draws: the latest value as of the chart's latest turn. */
  readonly value: T;
  /** Attach to the chart's outermost element: it redraws only while that is in view. */
  readonly ref: (element: Element | null) => void;
}

/**
 * `read()`'s value, handed to the component only when the chart scheduler gives the chart its
 * turn, as a transition so input stays responsive. `read` must be stable; its results are
 * compared shallowly (one value, or an object of several).
 */
function useScheduledValue<T>(initial: T, read: () => T): LiveValue<T> {
  const scheduler = useChartScheduler();
  const [value, setValue] = useState(initial);
  const [element, setElement] = useState<Element | null>(null);
  const shown = useRef(value);
  const handle = useRef<LiveChartHandle | null>(null);

  useEffect(() => {
    const registered = scheduler.register({
      isBehind: () => !shallow(read(), shown.current),
      update: () => {
        const next = read();
        shown.current = next;
        startTransition(() => {
          setValue(next);
        });
      },
    });
    handle.current = registered;
    return () => {
      registered.unregister();
      handle.current = null;
    };
  }, [scheduler, read]);

  useEffect(() => {
    const registered = handle.current;
    if (element === null || registered === null) return;
    const observer = new IntersectionObserver((entries) => {
      const entry = entries[entries.length - 1];
      if (entry !== undefined) registered.setVisible(entry.isIntersecting);
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      registered.setVisible(false);
    };
  }, [element, scheduler, read]);

  // Runs after the commit that drew the new value (and on mount, which the scheduler ignores).
  useEffect(() => {
    handle.current?.drawn();
  }, [value]);

  return { value, ref: setElement };
}

/**
 * A value from the store for a live chart: while the chart is in view, one chart at a time, at a
 * rate that follows the chart's cost. The selector must be defined outside the component and
 * return values kept in the store (one, or an object of several), never new arrays.
 */
export function useLiveValue<T>(selector: (state: PlaygroundState) => T): LiveValue<T> {
  const playground = useContext(PlaygroundContext);
  if (playground === null) throw new Error('Live charts must be inside <PlaygroundProvider>.');
  const { store } = playground;
  const read = useCallback(() => selector(store.getState()), [store, selector]);
  return useScheduledValue(selector(store.getState()), read);
}

/**
 * A chart's data given as props, handed on like `useLiveValue`'s: new values wait for the chart's
 * turn. Pass one value or an object of several (compared shallowly).
 */
export function useLiveProp<T>(prop: T): LiveValue<T> {
  const scheduler = useChartScheduler();
  const latest = useRef(prop);
  useEffect(() => {
    latest.current = prop;
    scheduler.wake();
  });
  const read = useCallback(() => latest.current, []);
  return useScheduledValue(prop, read);
}

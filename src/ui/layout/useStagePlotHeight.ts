import { useLayoutEffect, useState, type RefObject } from 'react';
import { stagePlotHeight } from './stagePlotHeight';

/** Where the stage starts on a desktop, header and a two-line run bar above it: a first guess. */
const USUAL_STAGE_TOP = 188;

/**
 * How tall the stage's plots are: as much of the first screen as the rest of it leaves, so at
 * 1280x720 the run, both plots and the row of views all fit without scrolling. Follows the
 * viewport and the stage's top, which moves when the header or the run bar above it changes
 * height (a longer status, an alert).
 */
export function useStagePlotHeight(
  stage: RefObject<HTMLElement | null>,
  /** In rem of the root's font size, the room below the stage's top; the usual one if undefined. */
  roomRem?: number,
): number {
  const [height, setHeight] = useState(() =>
    stagePlotHeight(window.innerWidth, window.innerHeight, USUAL_STAGE_TOP),
  );
  useLayoutEffect(() => {
    const element = stage.current;
    if (element === null) return;
    const update = () => {
      const top = element.getBoundingClientRect().top + window.scrollY;
      const rem = Number.parseFloat(getComputedStyle(document.documentElement).fontSize);
      const room = roomRem === undefined ? undefined : roomRem * rem;
      setHeight(stagePlotHeight(window.innerWidth, window.innerHeight, top, room));
    };
    update();
    const observer = new ResizeObserver(update);
    for (const above of document.querySelectorAll('.site-header, .run-bar'))
      observer.observe(above);
    window.addEventListener('resize', update);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', update);
    };
  }, [stage, roomRem]);
  return height;
}

import { useCallback, useContext, useSyncExternalStore } from 'react';
import type { PlaygroundState } from '../store/playgroundStore';
import { PlaygroundContext } from '../training/context';

/** How often a live chart may redraw while the run streams progress: four times a second. */
export const CHART_REFRESH_MS = 250;

/**
 * Like usePlayground, but the component hears about changes at most once per `intervalMs`: the
 * worker reports up to 20 times a second, and redrawing a chart that often would crowd the page's
 * main thread. The first change after a quiet spell is passed on at once, later ones are gathered
 * until the interval is over. The selector must return a value already in the store (a slice or a
 * field), not a new object, and should be defined outside the component.
 */
export function useThrottledPlayground<T>(
  selector: (state: PlaygroundState) => T,
  intervalMs = CHART_REFRESH_MS,
): T {
  const playground = useContext(PlaygroundContext);
  if (playground === null) throw new Error('Charts must be inside <PlaygroundProvider>.');
  const { store } = playground;

  const subscribe = useCallback(
    (notify: () => void) => {
      let timer: ReturnType<typeof setTimeout> | null = null;
      let lastNotified = -Infinity;
      const unsubscribe = store.subscribe((state, previous) => {
        if (timer !== null || selector(state) === selector(previous)) return;
        const wait = lastNotified + intervalMs - performance.now();
        timer = setTimeout(
          () => {
            timer = null;
            lastNotified = performance.now();
            notify();
          },
          Math.max(0, wait),
        );
      });
      return () => {
        unsubscribe();
        if (timer !== null) clearTimeout(timer);
      };
    },
    [store, selector, intervalMs],
  );

  return useSyncExternalStore(subscribe, () => selector(store.getState()));
}

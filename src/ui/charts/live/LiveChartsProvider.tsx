import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { PlaygroundContext } from '../../training/context';
import { createBrowserClock } from './browserClock';
import { ChartScheduler } from './chartScheduler';

export const LiveChartsContext = createContext<ChartScheduler | null>(null);

/**
 * Gives the charts below one scheduler that decides when each redraws, woken whenever the store
 * changes. Must sit inside the playground's context.
 */
export function LiveChartsProvider({ children }: { readonly children: ReactNode }) {
  const playground = useContext(PlaygroundContext);
  if (playground === null) throw new Error('LiveChartsProvider must be inside the playground.');
  const { store } = playground;
  const [scheduler] = useState(() => new ChartScheduler(createBrowserClock()));

  useEffect(() => {
    const unsubscribe = store.subscribe(() => {
      scheduler.wake();
    });
    return () => {
      unsubscribe();
      scheduler.stop();
    };
  }, [store, scheduler]);

  return <LiveChartsContext value={scheduler}>{children}</LiveChartsContext>;
}

export function useChartScheduler(): ChartScheduler {
  const scheduler = useContext(LiveChartsContext);
  if (scheduler === null) throw new Error('Live charts must be inside <LiveChartsProvider>.');
  return scheduler;
}

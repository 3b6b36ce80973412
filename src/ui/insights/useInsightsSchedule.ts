import { useContext, useEffect } from 'react';
import { PlaygroundContext } from '../training/context';
import { InsightsSchedule } from './insightsSchedule';

/**
 * Keeps the insights slice fresh for the page's current run, through the controller. Mount it
 * once, for the whole page.
 */
export function useInsightsSchedule(): void {
  const playground = useContext(PlaygroundContext);
  if (playground === null) throw new Error('useInsightsSchedule needs <PlaygroundProvider>.');
  const { store, controller } = playground;
  useEffect(() => {
    const schedule = new InsightsSchedule(store, () => controller.requestInsights());
    return () => {
      schedule.dispose();
    };
  }, [store, controller]);
}

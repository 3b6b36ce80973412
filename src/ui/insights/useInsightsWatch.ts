import { useEffect } from 'react';
import type { PlaygroundState } from '../store/playgroundStore';
import { sessionReady } from '../training/controller';
import { useController, usePlayground } from '../training/context';

const selectRunId = (state: PlaygroundState) => state.run.runId;
const selectReady = (state: PlaygroundState) => sessionReady(state.run);

/**
 * While the calling view is shown, the worker keeps the insights slice fresh for the page's
 * current run: it is told once that the view wants them, and once that it no longer does.
 */
export function useInsightsWatch(): void {
  const controller = useController();
  const runId = usePlayground(selectRunId);
  const ready = usePlayground(selectReady);
  useEffect(() => {
    if (!ready || runId === null) return;
    const watchId = controller.watchInsights();
    if (watchId === null) return;
    return () => {
      controller.unwatch(watchId);
    };
  }, [controller, runId, ready]);
}

import { useEffect } from 'react';
import type { PlaygroundState } from '../store/playgroundStore';
import { sessionReady } from '../training/controller';
import { useController, usePlayground } from '../training/context';

const selectRunId = (state: PlaygroundState) => state.run.runId;
const selectReady = (state: PlaygroundState) => sessionReady(state.run);
const selectLatestEvaluation = (state: PlaygroundState) => state.evaluations.points.at(-1);

/**
 * Keeps the task the viewer shows up to date: asked again after every held-out evaluation (a few
 * seconds apart at most while training) and once a new run is ready, so the labels follow training.
 */
export function useFollowTask(): void {
  const controller = useController();
  const runId = usePlayground(selectRunId);
  const ready = usePlayground(selectReady);
  const evaluation = usePlayground(selectLatestEvaluation);
  useEffect(() => {
    if (ready) controller.refreshTask();
  }, [controller, runId, ready, evaluation]);
}

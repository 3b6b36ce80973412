import { useEffect } from 'react';
import type { PlaygroundState } from '../store/playgroundStore';
import { sessionReady } from '../training/controller';
import { useController, usePlayground } from '../training/context';

const selectRunId = (state: PlaygroundState) => state.run.runId;
const selectReady = (state: PlaygroundState) => sessionReady(state.run);
const selectFollowing = (state: PlaygroundState) => state.inspect.task !== null;
const selectLatestEvaluation = (state: PlaygroundState) => state.evaluations.points.at(-1);

/**
 * Keeps the task the viewer shows up to date: the first held-out task as soon as a run is ready,
 * then asked again after every held-out evaluation (a few seconds apart at most while training),
 * so the labels follow training.
 */
export function useFollowTask(): void {
  const controller = useController();
  const runId = usePlayground(selectRunId);
  const ready = usePlayground(selectReady);
  const following = usePlayground(selectFollowing);
  const evaluation = usePlayground(selectLatestEvaluation);
  // Refreshing comes first: when both run in one commit, the first request must not be asked twice.
  useEffect(() => {
    if (ready) controller.refreshTask();
  }, [controller, runId, ready, evaluation]);
  useEffect(() => {
    if (ready && !following) controller.inspectTask(0);
  }, [controller, ready, following]);
}

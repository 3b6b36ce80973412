import { useEffect, useRef, useState } from 'react';
import type { IterationPicture } from '../../core/trainer';
import type { PlaygroundState } from '../store/playgroundStore';
import { sessionReady } from '../training/controller';
import { useController, usePlayground } from '../training/context';

/** Tasks of the meta-batch shown side by side, at most. */
export const TASKS_SHOWN = 8;

export interface IterationView {
  /** The latest picture of the current run; null before its first iteration. */
  readonly picture: IterationPicture | null;
  /** Why the worker sends no pictures (a learner without an inner loop, say), if it does not. */
  readonly problem: string | null;
}

interface Shown extends IterationView {
  readonly runId: number;
}

const selectRunId = (state: PlaygroundState) => state.run.runId;
const selectReady = (state: PlaygroundState) => sessionReady(state.run);

/**
 * The learner's latest meta-iteration slowed down, made by the training worker with the code that
 * trains and adapts: the view watches while it is shown, and costs nothing when it is not.
 */
export function useIterationPicture(gridX: Float32Array): IterationView {
  const controller = useController();
  const runId = usePlayground(selectRunId);
  const ready = usePlayground(selectReady);
  const [shown, setShown] = useState<Shown | null>(null);
  /** The watch open now: pictures name their watch. A ref, so the listener never misses one. */
  const watch = useRef<number | null>(null);

  useEffect(() => {
    const client = controller.trainingClient;
    if (client === null || runId === null) return;
    return client.listen((event) => {
      if (event.type === 'iteration' && event.requestId === watch.current) {
        setShown({ runId, picture: event.picture, problem: null });
      } else if (event.type === 'requestEnded' && event.requestId === watch.current) {
        if (event.outcome !== 'failed') return;
        setShown((now) => ({
          runId,
          picture: now?.runId === runId ? now.picture : null,
          problem: event.message,
        }));
      }
    });
  }, [controller, runId]);

  useEffect(() => {
    if (!ready || runId === null) return;
    const id = controller.watchIteration(gridX, TASKS_SHOWN);
    watch.current = id;
    if (id === null) return;
    return () => {
      watch.current = null;
      controller.unwatch(id);
    };
  }, [controller, runId, ready, gridX]);

  return shown !== null && shown.runId === runId ? shown : { picture: null, problem: null };
}

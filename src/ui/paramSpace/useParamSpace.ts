import { useEffect, useState } from 'react';
import type { ParameterPlane, PlanePoint } from '../../core/trainer/regression/parameterPlane';
import { addPicture } from './paths';
import type { PlaygroundState } from '../store/playgroundStore';
import { sessionReady } from '../training/controller';
import { useController, usePlayground } from '../training/context';

export interface ParamSpaceView {
  /** The latest picture of the current run; null until the first arrives. */
  readonly plane: ParameterPlane | null;
  /** Each model's (w, b) at every picture so far, oldest first, by model id. */
  readonly paths: ReadonlyMap<string, readonly PlanePoint[]>;
  /** Why the worker stopped sending pictures, if it did. */
  readonly problem: string | null;
}

interface Shown extends ParamSpaceView {
  readonly runId: number;
}

const EMPTY: ParamSpaceView = { plane: null, paths: new Map(), problem: null };

const selectRunId = (state: PlaygroundState) => state.run.runId;
const selectReady = (state: PlaygroundState) => sessionReady(state.run);

/**
 * The parameter plane of the run, made by the training worker while the calling view is shown;
 * the page only adds each picture's points to the models' paths.
 */
export function useParamSpace(): ParamSpaceView {
  const controller = useController();
  const runId = usePlayground(selectRunId);
  const ready = usePlayground(selectReady);
  const [shown, setShown] = useState<Shown | null>(null);

  useEffect(() => {
    const client = controller.trainingClient;
    if (client === null || runId === null || !ready) return;
    const watchId = controller.watchParamSpace();
    if (watchId === null) return;
    const stopListening = client.listen((event) => {
      if (event.type === 'paramSpace' && event.requestId === watchId) {
        setShown((now) => {
          const mine = now?.runId === runId ? now : null;
          const paths = addPicture(mine?.paths ?? new Map(), mine?.plane ?? null, event.plane);
          return { runId, plane: event.plane, paths, problem: null };
        });
      } else if (event.type === 'requestEnded' && event.requestId === watchId) {
        if (event.outcome !== 'failed') return;
        setShown((now) => ({
          ...(now?.runId === runId ? now : { ...EMPTY, runId }),
          problem: event.message,
        }));
      }
    });
    return () => {
      stopListening();
      controller.unwatch(watchId);
    };
  }, [controller, runId, ready]);

  return shown !== null && shown.runId === runId ? shown : EMPTY;
}

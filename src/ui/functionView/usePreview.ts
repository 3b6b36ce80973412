import { useEffect, useRef, useState } from 'react';
import type { PlaygroundState } from '../store/playgroundStore';
import { sessionReady } from '../training/controller';
import { useController, usePlayground } from '../training/context';
import type { PreviewAnswer, PreviewSupport } from './previewTypes';
import { usePlotGeometry } from './usePlotGeometry';

export interface PreviewView {
  /** The latest fits of the current run; null until its first arrives. */
  readonly answer: PreviewAnswer | null;
  /** Why the worker stopped sending fits for the points shown, if it did. */
  readonly problem: string | null;
}

interface Shown extends PreviewView {
  readonly runId: number;
}

const selectRunId = (state: PlaygroundState) => state.run.runId;
const selectReady = (state: PlaygroundState) => sessionReady(state.run);

/**
 * The fits of the run's learner and the pretrained baseline on `support`, made by the training worker. The
 * page declares the points whenever they change; the worker sends fits at once and again as
 * training changes the models, so nothing here keeps time.
 */
export function usePreview(support: PreviewSupport): PreviewView {
  const controller = useController();
  const runId = usePlayground(selectRunId);
  const ready = usePlayground(selectReady);
  const { gridX } = usePlotGeometry();
  const [shown, setShown] = useState<Shown | null>(null);
  /** The points of each watch of this run still open: fits name their watch, not their points. */
  const watches = useRef(new Map<number, PreviewSupport>());

  useEffect(() => {
    const client = controller.trainingClient;
    if (client === null || runId === null) return;
    const open = watches.current;
    open.clear();
    return client.listen((event) => {
      if (event.type === 'preview') {
        const points = open.get(event.requestId);
        if (points === undefined) return;
        // Fits for older points that arrive late are still newer than those shown.
        for (const id of open.keys()) if (id < event.requestId) open.delete(id);
        const { requestId, iteration, learner, pretrained } = event;
        const answer = { requestId, iteration, learner, pretrained, support: points };
        setShown({ runId, answer, problem: null });
      } else if (event.type === 'requestEnded' && open.delete(event.requestId)) {
        if (event.outcome !== 'failed') return;
        // The view keeps the fits it has and says why no more come.
        setShown((now) => ({
          runId,
          answer: now?.runId === runId ? now.answer : null,
          problem: event.message,
        }));
      }
    });
  }, [controller, runId]);

  useEffect(() => {
    if (!ready || runId === null) return;
    const watchId = controller.watchPreview(support, gridX);
    if (watchId === null) return;
    watches.current.set(watchId, support);
    return () => {
      controller.unwatch(watchId);
    };
  }, [controller, runId, ready, support, gridX]);

  return shown !== null && shown.runId === runId ? shown : { answer: null, problem: null };
}

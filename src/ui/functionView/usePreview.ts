import { useContext, useEffect, useRef, useState } from 'react';
import { sessionReady } from '../training/controller';
import { PlaygroundContext, useController, usePlayground } from '../training/context';
import { GRID_X } from './geometry';
import { PreviewScheduler, type PreviewAnswer, type PreviewSupport } from './previewScheduler';

/**
 * The latest predictions of MAML and the pretrained baseline for `support`, fine-tuned on it by
 * the training worker: asked for again when the points change, and about once a second while the
 * run's iteration advances. Null until the first answer of the current run arrives.
 */
export function usePreview(support: PreviewSupport): PreviewAnswer | null {
  const controller = useController();
  const runId = usePlayground((state) => state.run.runId);
  const ready = usePlayground((state) => sessionReady(state.run));
  const store = useContext(PlaygroundContext)?.store;
  const [answer, setAnswer] = useState<{ runId: number; answer: PreviewAnswer } | null>(null);
  const scheduler = useRef<PreviewScheduler | null>(null);

  // One scheduler per run: answers of an earlier run never reach the client's listeners anyway.
  useEffect(() => {
    const client = controller.trainingClient;
    if (client === null || runId === null) return;
    const current = new PreviewScheduler({
      send: (requestId, points) => {
        client.send({
          type: 'preview',
          requestId,
          supportX: points.x,
          supportY: points.y,
          gridX: GRID_X,
        });
      },
      deliver: (delivered) => {
        setAnswer({ runId, answer: delivered });
      },
    });
    const stopListening = client.listen((event) => {
      if (event.type === 'preview') current.receive(event);
      else if (event.type === 'error') current.failed();
    });
    scheduler.current = current;
    return () => {
      stopListening();
      current.dispose();
      if (scheduler.current === current) scheduler.current = null;
    };
  }, [controller, runId]);

  useEffect(() => {
    scheduler.current?.setSupport(support);
  }, [support, runId]);

  useEffect(() => {
    scheduler.current?.setReady(ready);
  }, [ready, runId]);

  // The iteration moves up to 20 times a second: followed outside React, so the view does not
  // re-render for it; the scheduler asks again at most once a second.
  useEffect(() => {
    if (store === undefined) return;
    return store.subscribe((state, previous) => {
      if (state.run.iteration !== previous.run.iteration) scheduler.current?.modelChanged();
    });
  }, [store]);

  return answer !== null && answer.runId === runId ? answer.answer : null;
}

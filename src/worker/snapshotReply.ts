/** The `snapshot` request: the run's state between two iterations, with its curves so far. */
import type { Trainer } from '../core/trainer';
import type { CurveRecorder } from '../core/trainer/curveRecorder';
import { errorText } from './errorText';
import type { Reply } from './replies';
import type { StepLatch } from './stepLatch';

export async function answerSnapshot(
  reply: Reply,
  current: () => Trainer | null,
  curves: CurveRecorder,
  latch: StepLatch,
): Promise<void> {
  try {
    const taken = await latch.between(() => {
      const trainer = current();
      if (trainer === null) throw new Error('the run has no trainer');
      // Copies: the network's arrays may be the trainer's own, which must stay where they are.
      const parameters = trainer.parameters.map((values) => Float32Array.from(values));
      return { snapshot: trainer.snapshot(), curves: curves.current(), parameters };
    });
    const { runId, requestId } = reply;
    const buffers = [
      taken.curves.metaTrainLoss,
      taken.curves.pretrainedLoss,
      taken.curves.metaTrainAccuracy,
      taken.curves.pretrainedAccuracy,
      ...taken.curves.comparedLoss,
    ].map((values) => values.buffer);
    // A run replaced meanwhile had this request ended then: the answer goes nowhere.
    reply.answer({ type: 'snapshot', runId, requestId, ...taken }, buffers);
  } catch (error) {
    reply.end('failed', `The run's state could not be taken: ${errorText(error)}`);
  }
}

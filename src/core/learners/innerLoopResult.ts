/** The classification engines' per-task scores in the shape the session reads back. */
import type { ClassificationMetaGradient } from './maml/classification';
import type { ClassificationStepResult } from './contract';

export function fromInnerLoop(result: ClassificationMetaGradient): ClassificationStepResult {
  return {
    grads: result.grads,
    lossBefore: result.taskLossBefore,
    lossAfter: result.taskLossAfter,
    accuracyAfter: result.taskAccuracyAfter,
  };
}

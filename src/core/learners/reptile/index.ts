/** Reptile (Nichol, Achiam and Schulman 2018): move the start toward each task's adapted weights. */
import type { LearnerDefinition } from '../contract';
import { innerLoopLearner } from '../innerLoopResult';
import { reptileClassificationStep } from './classification';
import { REPTILE } from './regression';

export const REPTILE_LEARNER: LearnerDefinition<'reptile'> = {
  id: 'reptile',
  name: 'Reptile',
  reference: 'Nichol, Achiam and Schulman 2018',
  hint: 'moves the start toward each adapted network',
  summary:
    'Runs plain SGD on each task, then moves the start toward the adapted weights; it needs two or more inner steps (with one it is joint training).',
  differentiatesInnerLoop: false,
  reads: ['metaBatch', 'innerSteps'],
  adapts: 'all',
  regression: { kind: 'meta-batches', algorithm: REPTILE },
  classification: innerLoopLearner(
    "Each task's Reptile direction theta - phi (how far SGD on the task moved the weights).",
    reptileClassificationStep,
  ),
};

/** ANIL (Raghu, Raghu, Bengio and Vinyals 2020): only the last layer adapts, in and after training. */
import type { LearnerDefinition } from '../contract';
import { innerLoopLearner } from '../innerLoopResult';
import { anilClassificationGradient } from './classification';
import { ANIL } from './regression';

export const ANIL_LEARNER: LearnerDefinition<'anil'> = {
  id: 'anil',
  name: 'ANIL',
  reference: 'Raghu, Raghu, Bengio and Vinyals 2020',
  hint: 'adapts only the last layer',
  summary:
    'Almost no inner loop: only the last layer adapts to a task; the body is meta-learned as a shared feature extractor.',
  differentiatesInnerLoop: true,
  reads: ['metaBatch', 'innerSteps', 'firstOrder'],
  adapts: 'head',
  regression: { kind: 'meta-batches', algorithm: ANIL },
  classification: innerLoopLearner(
    "Each task's meta-gradient (its query loss after adapting the head) with respect to all the initial weights.",
    anilClassificationGradient,
  ),
};

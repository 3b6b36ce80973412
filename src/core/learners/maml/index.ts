/**
 * MAML (Finn, Abbeel and Levine 2017). The paper's Algorithm 1 reads plainly in taskLoopMaml.ts
 * (sine waves) and classificationTaskLoop.ts (images); the session runs the fast engines beside
 * them (lowRankMaml.ts, classification.ts), which the tests check against those loops.
 */
import type { LearnerDefinition } from '../contract';
import { innerLoopLearner } from '../innerLoopResult';
import { classificationMetaGradient } from './classification';
import { MAML } from './regression';

const MAML_SUMMARY =
  'Learns a starting point from which a few gradient steps fit a new task, differentiating through those steps.';

export const MAML_LEARNER: LearnerDefinition<'maml'> = {
  id: 'maml',
  name: 'MAML',
  reference: 'Finn, Abbeel and Levine 2017',
  hint: 'learns a starting point that adapts in a few gradient steps',
  summary: MAML_SUMMARY,
  differentiatesInnerLoop: true,
  reads: ['metaBatch', 'innerSteps', 'firstOrder'],
  adapts: 'all',
  // With firstOrder it is the paper's first-order approximation, the name readers know it by.
  label: (config) => (config.firstOrder ? 'First-order MAML' : 'MAML'),
  summaryFor: (config) =>
    config.firstOrder
      ? 'MAML with the inner steps treated as constants: the query gradient at the adapted weights updates the start.'
      : MAML_SUMMARY,
  regression: { kind: 'meta-batches', algorithm: MAML },
  classification: innerLoopLearner(
    "Each task's meta-gradient (its query loss after adaptation, differentiated with respect to the initial weights).",
    classificationMetaGradient,
  ),
};

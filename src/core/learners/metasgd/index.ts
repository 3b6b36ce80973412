/** Meta-SGD (Li, Zhou, Chen and Li 2017): a learned inner rate for every weight. */
import type { LearnerDefinition } from '../contract';
import { fromInnerLoop } from '../innerLoopResult';
import { metaSgdClassificationGradient } from './classification';
import { META_SGD } from './regression';

export const META_SGD_LEARNER: LearnerDefinition<'metasgd'> = {
  id: 'metasgd',
  name: 'Meta-SGD',
  reference: 'Li, Zhou, Chen and Li 2017',
  hint: "also learns every weight's inner step size",
  summary:
    'Learns, beside the start, a step size and direction for every weight of the inner update; the rates suit the number of inner steps it trained with, and many more steps at test time can diverge.',
  differentiatesInnerLoop: true,
  reads: ['metaBatch', 'innerSteps', 'firstOrder'],
  adapts: 'all',
  insights: () => ['innerRates'],
  ratesNote: 'Every weight has its own learned step; a negative one steps against its gradient.',
  regression: { kind: 'meta-batches', algorithm: META_SGD },
  classification: {
    directionBasis:
      "Each task's meta-gradient with respect to the initial weights theta (the learned rates left out).",
    head: 'ways',
    learnsInnerRates: true,
    step: (spec, theta, rates, data, options) => {
      if (!rates) throw new Error('Meta-SGD steps with its learned rates.');
      return fromInnerLoop(metaSgdClassificationGradient(spec, theta, rates, data, options));
    },
  },
};

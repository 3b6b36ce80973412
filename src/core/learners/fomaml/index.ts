/** First-order MAML (Finn, Abbeel and Levine 2017, section 5.2): the inner steps as constants. */
import type { LearnerDefinition } from '../contract';
import { innerLoopLearner } from '../innerLoopResult';
import { firstOrderMamlClassificationGradient } from './classification';
import { FIRST_ORDER_MAML } from './regression';

export const FIRST_ORDER_MAML_LEARNER: LearnerDefinition<'fomaml'> = {
  id: 'fomaml',
  name: 'First-order MAML',
  reference: 'Finn, Abbeel and Levine 2017',
  hint: 'is maml without second derivatives',
  summary:
    'MAML with the inner steps treated as constants: the query gradient at the adapted weights updates the start.',
  differentiatesInnerLoop: false,
  reads: ['metaBatch', 'innerSteps'],
  adapts: 'all',
  regression: { kind: 'meta-batches', algorithm: FIRST_ORDER_MAML },
  classification: innerLoopLearner(
    "Each task's first-order meta-gradient (its query-loss gradient at its adapted weights).",
    firstOrderMamlClassificationGradient,
  ),
};

/** MAML++'s per-layer, per-step learned inner rates (Antoniou, Edwards and Storkey 2019). */
import type { LearnerDefinition } from '../contract';
import { MAML_PLUS_PLUS } from './regression';

export const MAML_PLUS_PLUS_LEARNER: LearnerDefinition<'mamlpp'> = {
  id: 'mamlpp',
  name: 'MAML++ (LSLR)',
  reference: 'Antoniou, Edwards and Storkey 2019',
  hint: 'learns an inner rate for every layer and every inner step',
  summary:
    'MAML that also learns the inner learning rate of every layer at every inner step, so each step of adaptation can move each layer by its own amount.',
  differentiatesInnerLoop: true,
  reads: ['metaBatch', 'innerSteps', 'firstOrder'],
  adapts: 'all',
  insights: () => ['innerRates'],
  ratesNote:
    'Each layer’s weights and bias have one learned step at each inner step; steps past those it trained with take the last.',
  regression: { kind: 'meta-batches', algorithm: MAML_PLUS_PLUS },
};

/** Prototypical networks (Snell, Swersky and Zemel 2017): label a query by its nearest class mean. */
import type { LearnerDefinition } from '../contract';
import { protoNetGradient, protoNetScores } from './protoNet';

export const PROTOTYPICAL_NETWORKS_LEARNER: LearnerDefinition<'protonet'> = {
  id: 'protonet',
  name: 'Prototypical networks',
  reference: 'Snell, Swersky and Zemel 2017',
  hint: '(classification) labels by the nearest class mean',
  summary: 'Embeds images and labels a query by its nearest class mean; no inner loop at all.',
  differentiatesInnerLoop: false,
  reads: ['metaBatch'],
  adapts: 'none',
  classification: {
    directionBasis:
      "Each task's gradient of its prototypical-network query loss with respect to the encoder's weights.",
    head: 'embedding',
    learnsInnerRates: false,
    score: protoNetScores,
    step: (spec, theta, _rates, data) => {
      // No inner loop: "before" and "after" adaptation are the same prototype classifier.
      const result = protoNetGradient(spec, theta, data);
      return {
        grads: result.grads,
        lossBefore: result.taskLoss,
        lossAfter: result.taskLoss,
        accuracyAfter: result.taskAccuracy,
      };
    },
  },
};

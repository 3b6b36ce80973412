/**
 * Multi-task learning (Caruana 1997; uncertainty weighting: Kendall, Gal and Cipolla 2018): one
 * model trained on a fixed set of sinusoid tasks at once, by the multi-task session.
 */
import type { LearnerDefinition } from '../contract';

export const MULTI_TASK_LEARNER: LearnerDefinition<'multitask'> = {
  id: 'multitask',
  name: 'Multi-task learning',
  reference: 'Caruana 1997; Kendall, Gal and Cipolla 2018',
  hint: '(sinusoid) trains one network on a fixed set of tasks',
  summary:
    'Trains one model on a fixed set of tasks at once (a shared trunk with a head per task, or tied networks); new tasks fine-tune from its shared weights.',
  differentiatesInnerLoop: false,
  reads: ['mtlTasks', 'taskNoise', 'sharing', 'weighting', 'softPenalty'],
  adapts: 'all',
  label: (config) => `Multi-task (${config.sharing} sharing)`,
  insights: (config) => (config.weighting === 'uncertainty' ? ['uncertainty'] : []),
  regression: { kind: 'fixed tasks' },
};

/**
 * Which settings mean something for a given experiment: the page shows only those, so a student
 * fitting sine waves is not asked how many conv filters to use. Links and JSON still carry every
 * setting, so switching task family keeps the values already chosen.
 */
import { algorithmsOf } from '../algorithms/registry';
import { isClassification } from './combinations';
import type { ExperimentConfig, SettingKey } from './schema';

export function settingApplies(key: SettingKey, config: ExperimentConfig): boolean {
  const classification = isClassification(config);
  const algorithms = algorithmsOf(config);
  const runs = (...ids: readonly (typeof algorithms)[number][]): boolean =>
    algorithms.some((id) => ids.includes(id));
  const multitask = runs('multitask');
  switch (key) {
    case 'ways':
    case 'network':
    case 'imageSize':
      return classification;
    case 'filters':
    case 'norm':
      return classification && config.network === 'conv';
    case 'rotations':
      return config.task === 'omniglot';
    case 'hidden':
      return !classification || config.network === 'mlp';
    case 'activation':
      // Image networks use ReLU throughout.
      return !classification;
    case 'innerSteps':
      // innerLr stays: the baselines fine-tune with it at evaluation whatever the algorithm.
      return runs('maml', 'fomaml', 'reptile', 'metasgd', 'anil');
    case 'firstOrder':
      // fomaml and Reptile are first order by definition; the flag changes the others.
      return runs('maml', 'metasgd', 'anil');
    case 'metaBatch':
      // Multi-task learning trains on all of its fixed tasks at every iteration.
      return !multitask || algorithms.length > 1;
    case 'mtlTasks':
    case 'taskNoise':
    case 'sharing':
    case 'weighting':
      return multitask;
    case 'softPenalty':
      return multitask && config.sharing === 'soft';
    default:
      return true;
  }
}

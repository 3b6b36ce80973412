/**
 * Which settings mean something for a given experiment: the page shows only those, so a student
 * fitting sine waves is not asked how many conv filters to use. Links and JSON still carry every
 * setting, so switching task family keeps the values already chosen.
 */
import { isClassification } from './combinations';
import type { ExperimentConfig, SettingKey } from './schema';

export function settingApplies(key: SettingKey, config: ExperimentConfig): boolean {
  const classification = isClassification(config);
  const gradientInnerLoop = config.algorithm !== 'protonet';
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
    case 'firstOrder':
      // innerLr stays: the baselines fine-tune with it at evaluation whatever the algorithm.
      return gradientInnerLoop;
    default:
      return true;
  }
}

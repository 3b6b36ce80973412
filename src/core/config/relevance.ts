/**
 * Which settings mean something for a given experiment: the page shows only those, so a student
 * fitting sine waves is not asked how many conv filters to use. Links and JSON still carry every
 * setting, so switching task family keeps the values already chosen.
 */
import { LEARNERS, algorithmInfo, algorithmsOf } from '../learners/registry';
import { isClassification } from './combinations';
import type { ExperimentConfig, SettingKey } from './schema';

/** Settings some learner reads: they apply only when a learner of the run reads them. */
const LEARNER_SETTINGS: ReadonlySet<SettingKey> = new Set(LEARNERS.flatMap((l) => l.reads));

export function settingApplies(key: SettingKey, config: ExperimentConfig): boolean {
  const classification = isClassification(config);
  if (LEARNER_SETTINGS.has(key)) {
    const read = algorithmsOf(config).some((id) => algorithmInfo(id).reads.includes(key));
    // Soft sharing's penalty means nothing under hard sharing.
    return read && (key !== 'softPenalty' || config.sharing === 'soft');
  }
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
    default:
      // innerLr among them: the baselines fine-tune with it at evaluation whatever the learner.
      return true;
  }
}

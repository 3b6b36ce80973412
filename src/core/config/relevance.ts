/**
 * Which settings mean something for a given experiment: the page shows only those, so a student
 * fitting sine waves is not asked how many conv filters to use. Links and JSON still carry every
 * setting, so switching task family keeps the values already chosen.
 */
import { LEARNERS, algorithmInfo, algorithmsOf } from '../learners/registry';
import { TASK_FAMILIES, familyOfTask } from '../families/registry';
import type { ExperimentConfig, SettingKey } from './schema';

/** Settings some learner reads: they apply only when a learner of the run reads them. */
const LEARNER_SETTINGS: ReadonlySet<SettingKey> = new Set(LEARNERS.flatMap((l) => l.reads));

/** Settings some task family reads: they apply only when the run's family reads them. */
const FAMILY_SETTINGS: ReadonlySet<SettingKey> = new Set(TASK_FAMILIES.flatMap((f) => f.reads));

/** Settings that mean something only for one kind of network, and that kind. */
const NETWORK_OF: Partial<Record<SettingKey, ExperimentConfig['network']>> = {
  filters: 'conv',
  norm: 'conv',
  hidden: 'mlp',
};

export function settingApplies(key: SettingKey, config: ExperimentConfig): boolean {
  if (LEARNER_SETTINGS.has(key)) {
    const read = algorithmsOf(config).some((id) => algorithmInfo(id).reads.includes(key));
    // Soft sharing's penalty means nothing under hard sharing.
    return read && (key !== 'softPenalty' || config.sharing === 'soft');
  }
  if (FAMILY_SETTINGS.has(key)) {
    const family = familyOfTask(config);
    if (!family.reads.includes(key)) return false;
    // A family that lets the network be chosen shows each network's settings only with it.
    const network = NETWORK_OF[key];
    return network === undefined || !family.reads.includes('network') || config.network === network;
  }
  // innerLr among them: the baselines fine-tune with it at evaluation whatever the learner.
  return true;
}

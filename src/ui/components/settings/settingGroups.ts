/**
 * How the controls are grouped on the page. Groups name settings by key, in the order shown; every
 * setting of the schema that no group names still gets a control, in a final "Other" group, unless
 * it has a view of its own (the algorithms to compare are chosen in the comparison view). Which of
 * them appear for an experiment is settingApplies' decision, not this table's.
 */
import { SETTINGS, type SettingKey, type SettingSpec } from '../../../core/config';

export interface SettingGroup {
  readonly id: string;
  readonly title: string;
  /** In the order the group lists them. */
  readonly specs: readonly SettingSpec[];
}

const GROUPS: readonly { id: string; title: string; keys: readonly SettingKey[] }[] = [
  { id: 'task', title: 'Task', keys: ['task', 'algorithm', 'ways', 'shots', 'query', 'rotations'] },
  {
    id: 'model',
    title: 'Model',
    keys: ['network', 'filters', 'norm', 'imageSize', 'hidden', 'activation'],
  },
  { id: 'inner', title: 'Inner loop', keys: ['innerSteps', 'innerLr'] },
  { id: 'outer', title: 'Outer loop', keys: ['metaBatch', 'metaLr', 'iterations', 'firstOrder'] },
  {
    id: 'multitask',
    title: 'Multi-task learning',
    keys: ['mtlTasks', 'taskNoise', 'sharing', 'softPenalty', 'weighting'],
  },
  { id: 'evaluation', title: 'Evaluation', keys: ['testInnerSteps', 'evalTasks', 'evalQuery'] },
  { id: 'run', title: 'Run', keys: ['seed', 'backend'] },
];

/** Settings with a control elsewhere on the page, never in the settings panel. */
const SHOWN_ELSEWHERE: readonly SettingKey[] = ['compare'];

function buildGroups(): SettingGroup[] {
  const grouped = new Set<string>([...GROUPS.flatMap((group) => group.keys), ...SHOWN_ELSEWHERE]);
  const groups: SettingGroup[] = GROUPS.map(({ id, title, keys }) => ({
    id,
    title,
    specs: keys.flatMap((key) => SETTINGS.filter((spec) => spec.key === key)),
  }));
  const others = SETTINGS.filter((spec) => !grouped.has(spec.key));
  if (others.length > 0) groups.push({ id: 'other', title: 'Other', specs: others });
  return groups.filter((group) => group.specs.length > 0);
}

export const SETTING_GROUPS: readonly SettingGroup[] = buildGroups();

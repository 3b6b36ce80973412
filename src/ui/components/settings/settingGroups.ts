/**
 * How the controls are arranged: the few settings that shape an experiment most are always in
 * sight (KEY_SETTINGS); the rest sit in named groups under "More settings". Groups name settings
 * by key, in the order shown; every setting of the schema that no list names still gets a control,
 * in a final "Other" group, unless it has a view of its own (the algorithms to compare are chosen
 * in the comparison view). Which of them appear for an experiment is settingApplies' decision, not
 * this table's.
 */
import { SETTINGS, type SettingKey, type SettingSpec } from '../../../core/config';

export interface SettingGroup {
  readonly id: string;
  readonly title: string;
  /** In the order the group lists them. */
  readonly specs: readonly SettingSpec[];
}

/**
 * The settings that change what a run shows the most: which task and learner, how few examples,
 * and the inner and outer loop. Always shown (when they apply), in this order.
 */
export const KEY_SETTINGS: readonly SettingKey[] = [
  'task',
  'algorithm',
  'ways',
  'shots',
  'innerSteps',
  'innerLr',
  'metaBatch',
];

const GROUPS: readonly { id: string; title: string; keys: readonly SettingKey[] }[] = [
  { id: 'task', title: 'Task', keys: ['query', 'rotations'] },
  {
    id: 'model',
    title: 'Model',
    keys: ['network', 'filters', 'norm', 'imageSize', 'hidden', 'activation'],
  },
  { id: 'outer', title: 'Training', keys: ['iterations', 'metaLr', 'firstOrder'] },
  {
    id: 'multitask',
    title: 'Multi-task learning',
    keys: ['mtlTasks', 'taskNoise', 'sharing', 'softPenalty', 'weighting'],
  },
  { id: 'evaluation', title: 'Evaluation', keys: ['testInnerSteps', 'evalTasks', 'evalQuery'] },
  { id: 'run', title: 'Run', keys: ['seed', 'seeds', 'backend'] },
];

/** Settings with a control elsewhere on the page, never in the settings panel. */
const SHOWN_ELSEWHERE: readonly SettingKey[] = ['compare'];

function specsOf(keys: readonly SettingKey[]): SettingSpec[] {
  return keys.flatMap((key) => SETTINGS.filter((spec) => spec.key === key));
}

function buildGroups(): SettingGroup[] {
  const named = new Set<string>([
    ...KEY_SETTINGS,
    ...GROUPS.flatMap((group) => group.keys),
    ...SHOWN_ELSEWHERE,
  ]);
  const groups: SettingGroup[] = GROUPS.map(({ id, title, keys }) => ({
    id,
    title,
    specs: specsOf(keys),
  }));
  const others = SETTINGS.filter((spec) => !named.has(spec.key));
  if (others.length > 0) groups.push({ id: 'other', title: 'Other', specs: others });
  return groups.filter((group) => group.specs.length > 0);
}

/** The key settings' specs, in KEY_SETTINGS order. */
export const KEY_SETTING_SPECS: readonly SettingSpec[] = specsOf(KEY_SETTINGS);

/** The groups under "More settings": every other setting with a control in the panel. */
export const SETTING_GROUPS: readonly SettingGroup[] = buildGroups();

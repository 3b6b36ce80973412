/**
 * The table of every experiment setting. The link in the address bar, the controls on the page,
 * the command-line runner and saved JSON files all read and write settings through this one table,
 * so a setting is added, renamed or re-ranged in exactly one place.
 */

import { ALGORITHM_IDS, LEARNERS } from '../learners/registry';
import { TASK_FAMILIES, TASK_IDS } from '../families/registry';

/** Bump when a setting is renamed or changes meaning, and add a step to MIGRATIONS in migrate.ts. */
export const SCHEMA_VERSION = 1;

export type SettingKind = 'int' | 'float' | 'bool' | 'enum' | 'intList' | 'enumList';

interface SettingBase<K extends string> {
  /** Short camelCase name, identical in links, on the command line and in JSON. */
  readonly key: K;
  /** A few words for a form label. */
  readonly label: string;
  /** One line for a student: what does this setting do? */
  readonly description: string;
}

/** A whole number in min..max (both inclusive). */
export interface IntSetting<K extends string = string> extends SettingBase<K> {
  readonly kind: 'int';
  readonly default: number;
  readonly min: number;
  readonly max: number;
}

/** A finite number in min..max; min itself is allowed unless minExclusive. max is inclusive. */
export interface FloatSetting<K extends string = string> extends SettingBase<K> {
  readonly kind: 'float';
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly minExclusive: boolean;
}

export interface BoolSetting<K extends string = string> extends SettingBase<K> {
  readonly kind: 'bool';
  readonly default: boolean;
}

/** One word out of a fixed list. */
export interface EnumSetting<
  K extends string = string,
  V extends string = string,
> extends SettingBase<K> {
  readonly kind: 'enum';
  readonly default: V;
  readonly values: readonly V[];
}

/** A list of minLength..maxLength whole numbers, each in min..max (all inclusive). */
export interface IntListSetting<K extends string = string> extends SettingBase<K> {
  readonly kind: 'intList';
  readonly default: readonly number[];
  readonly minLength: number;
  readonly maxLength: number;
  readonly min: number;
  readonly max: number;
}

/** A list of distinct words from a fixed list, at most maxLength of them (possibly none). */
export interface EnumListSetting<
  K extends string = string,
  V extends string = string,
> extends SettingBase<K> {
  readonly kind: 'enumList';
  readonly default: readonly V[];
  readonly values: readonly V[];
  readonly maxLength: number;
}

/** The description of any one setting; switch on `kind` to see its range or choices. */
export type SettingSpec =
  IntSetting | FloatSetting | BoolSetting | EnumSetting | IntListSetting | EnumListSetting;

type Details<S> = Omit<S, 'key' | 'kind'>;

function intSetting<const K extends string>(key: K, details: Details<IntSetting>): IntSetting<K> {
  return Object.freeze({ key, kind: 'int', ...details });
}

function floatSetting<const K extends string>(
  key: K,
  details: Details<FloatSetting>,
): FloatSetting<K> {
  return Object.freeze({ key, kind: 'float', ...details });
}

function boolSetting<const K extends string>(
  key: K,
  details: Details<BoolSetting>,
): BoolSetting<K> {
  return Object.freeze({ key, kind: 'bool', ...details });
}

function enumSetting<const K extends string, const V extends string>(
  key: K,
  details: { readonly values: readonly V[]; readonly default: NoInfer<V> } & Omit<
    Details<EnumSetting>,
    'values' | 'default'
  >,
): EnumSetting<K, V> {
  return Object.freeze({
    key,
    kind: 'enum',
    ...details,
    values: Object.freeze([...details.values]),
  });
}

function intListSetting<const K extends string>(
  key: K,
  details: Details<IntListSetting>,
): IntListSetting<K> {
  return Object.freeze({
    key,
    kind: 'intList',
    ...details,
    default: Object.freeze([...details.default]),
  });
}

function enumListSetting<const K extends string, const V extends string>(
  key: K,
  details: {
    readonly values: readonly V[];
    readonly default: readonly NoInfer<V>[];
  } & Omit<Details<EnumListSetting>, 'values' | 'default'>,
): EnumListSetting<K, V> {
  return Object.freeze({
    key,
    kind: 'enumList',
    ...details,
    values: Object.freeze([...details.values]),
    default: Object.freeze([...details.default]),
  });
}

/** Every algorithm the playground can run: the learners' registry, one line per learner. */
export const ALGORITHMS = ALGORITHM_IDS;

/** Every setting, in the order used by links, JSON files and the controls. */
export const SETTINGS = Object.freeze([
  enumSetting('task', {
    default: TASK_IDS[0]!,
    values: TASK_IDS,
    label: 'Task family',
    description: `The kind of problem to learn: ${TASK_FAMILIES.map((f) => `${f.id} ${f.hint}`).join('; ')}.`,
  }),
  enumSetting('algorithm', {
    default: ALGORITHM_IDS[0]!,
    values: ALGORITHMS,
    label: 'Algorithm',
    description: LEARNERS.map((learner) => `${learner.id} ${learner.hint}`).join('; ') + '.',
  }),
  intSetting('ways', {
    default: 5,
    min: 2,
    max: 20,
    label: 'Ways (N)',
    description: 'Classification: how many new classes each task asks the learner to tell apart.',
  }),
  intSetting('shots', {
    default: 10,
    min: 1,
    max: 100,
    label: 'Shots (K)',
    description:
      'How many labelled examples of a new task (of each class, in classification) the learner sees before it has to adapt.',
  }),
  intSetting('query', {
    default: 10,
    min: 1,
    max: 1000,
    label: 'Query points',
    description:
      'How many extra points per task (images per class, in classification) score the adapted model during meta-training.',
  }),
  intSetting('metaBatch', {
    default: 25,
    min: 1,
    max: 256,
    label: 'Meta-batch size',
    description: 'How many tasks are averaged for each update of the shared starting point.',
  }),
  intSetting('innerSteps', {
    default: 1,
    min: 1,
    max: 20,
    label: 'Inner steps (training)',
    description:
      'How many gradient steps each task takes from the shared start during meta-training.',
  }),
  intSetting('testInnerSteps', {
    default: 10,
    min: 0,
    max: 50,
    label: 'Inner steps (evaluation)',
    description:
      'How many gradient steps a brand-new task may take when we measure how well it adapts.',
  }),
  floatSetting('innerLr', {
    default: 0.01,
    min: 0,
    minExclusive: true,
    max: 10,
    label: 'Inner learning rate',
    description: 'Step size of the fast, per-task updates (alpha in the MAML paper).',
  }),
  floatSetting('metaLr', {
    default: 0.001,
    min: 0,
    minExclusive: true,
    max: 1,
    label: 'Meta learning rate',
    description:
      'Step size of the slow update of the shared starting point (beta in the MAML paper).',
  }),
  intSetting('iterations', {
    default: 70000,
    min: 1,
    max: 1000000,
    label: 'Meta-iterations',
    description: 'How many times the shared starting point is updated in total.',
  }),
  intSetting('pretrainEvery', {
    default: 1,
    min: 1,
    max: 20,
    label: 'Pretrained baseline: every Nth batch',
    description:
      'The pretrained baseline takes a joint-training step on every Nth meta-batch. 1 (the MAML ' +
      'paper’s comparison) gives it as many steps as the learner; more trains image tasks faster ' +
      'at the cost of a less trained baseline, whose step count its results show.',
  }),
  boolSetting('firstOrder', {
    default: false,
    label: 'First-order approximation',
    description:
      'Ignore second derivatives through the inner steps: faster and lighter, often nearly as good.',
  }),
  intSetting('mtlTasks', {
    default: 6,
    min: 2,
    max: 16,
    label: 'Training tasks (M)',
    description:
      'Multi-task: how many fixed sinusoid tasks are learned together, each with its own output head.',
  }),
  floatSetting('taskNoise', {
    default: 1,
    min: 0,
    minExclusive: false,
    max: 3,
    label: 'Noise spread',
    description:
      'Multi-task: label noise grows evenly from 0 on the first task to this standard deviation on the last, so tasks differ in how much they can be trusted.',
  }),
  enumSetting('sharing', {
    default: 'hard',
    values: ['hard', 'soft'],
    label: 'Parameter sharing',
    description:
      'Multi-task: hard shares one trunk between all tasks with a head each; soft gives every task its own network, pulled together by an L2 penalty.',
  }),
  floatSetting('softPenalty', {
    default: 0.01,
    min: 0,
    minExclusive: false,
    max: 10,
    label: 'Soft-sharing penalty',
    description:
      'Multi-task, soft sharing: how strongly each task network is pulled toward the others (lambda times the squared distance to their mean).',
  }),
  enumSetting('weighting', {
    default: 'uncertainty',
    values: ['equal', 'uncertainty'],
    label: 'Task weighting',
    description:
      "Multi-task: equal adds the tasks' losses; uncertainty learns a noise level sigma per task and weights its loss by 1/(2 sigma^2) (Kendall et al. 2018).",
  }),
  enumListSetting('compare', {
    default: [],
    values: ALGORITHMS,
    maxLength: ALGORITHMS.length,
    label: 'Compare algorithms',
    description:
      'Run several algorithms on the same seed and tasks and overlay their adaptation curves; empty runs the one algorithm chosen above.',
  }),
  intListSetting('hidden', {
    default: [40, 40],
    minLength: 0,
    maxLength: 4,
    min: 1,
    max: 1024,
    label: 'Hidden layers',
    description:
      'Units in each hidden layer: 40,40 means two layers of 40; none gives a plain linear model.',
  }),
  enumSetting('activation', {
    default: 'relu',
    values: ['relu', 'tanh'],
    label: 'Activation',
    description:
      'The bend applied after each hidden layer; without it the network could only draw lines.',
  }),
  enumSetting('network', {
    default: 'conv',
    values: ['conv', 'mlp'],
    label: 'Image network',
    description:
      'Classification: conv is the MAML paper network (four stride-2 3x3 convolutions); mlp flattens the image through the hidden layers above.',
  }),
  intSetting('filters', {
    default: 32,
    min: 1,
    max: 64,
    label: 'Conv filters',
    description:
      'Classification: channels of each convolution; the MAML paper used 64, fewer train faster.',
  }),
  enumSetting('norm', {
    default: 'batch',
    values: ['batch', 'none'],
    label: 'Normalisation',
    description:
      'Classification: batch normalises each conv block with the statistics of the task at hand, as in the MAML paper; none leaves it out.',
  }),
  intSetting('imageSize', {
    default: 28,
    min: 8,
    max: 64,
    label: 'Image size (px)',
    description:
      'Classification: images are scaled to this many pixels a side (28 in the MAML paper).',
  }),
  boolSetting('rotations', {
    default: true,
    label: 'Rotated classes',
    description:
      'Omniglot: each character turned by 90, 180 and 270 degrees also counts as a new class, as in the MAML paper.',
  }),
  intSetting('seed', {
    default: 1,
    min: 0,
    max: 4294967295,
    label: 'Random seed',
    description:
      'Starts the random number generator: the same seed and settings give exactly the same run.',
  }),
  intSetting('seeds', {
    default: 1,
    min: 1,
    max: 20,
    label: 'Seeds',
    description:
      'Runs the experiment this many times, with seeds seed, seed + 1, …, one after another; the held-out results are then the mean over seeds with a 95% interval across them.',
  }),
  intSetting('evalTasks', {
    default: 600,
    min: 1,
    max: 10000,
    label: 'Evaluation tasks',
    description: 'How many new, never-seen tasks are used to measure the final result.',
  }),
  intSetting('evalQuery', {
    default: 100,
    min: 1,
    max: 1000,
    label: 'Evaluation query points',
    description: 'How many points of each evaluation task are used to score the adapted model.',
  }),
  enumSetting('backend', {
    default: 'auto',
    values: ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'],
    label: 'Compute backend',
    description:
      "Where the maths runs: auto checks each backend's gradients, times this experiment on those that pass and trains on the fastest; a named backend is used as it is.",
  }),
] as const);

type AnySettingInTable = (typeof SETTINGS)[number];

/** The name of one setting, e.g. 'shots'. */
export type SettingKey = AnySettingInTable['key'];

type ValueOfSetting<S> =
  S extends EnumSetting<string, infer V>
    ? V
    : S extends EnumListSetting<string, infer V>
      ? readonly V[]
      : S extends IntListSetting
        ? readonly number[]
        : S extends BoolSetting
          ? boolean
          : number;

/** One complete, valid set of settings. Derived from SETTINGS, so it cannot drift from the table. */
export type ExperimentConfig = {
  readonly [S in AnySettingInTable as S['key']]: ValueOfSetting<S>;
};

/** Any value of any setting, seen generically (enum values are plain strings here). */
export type SettingValue = number | boolean | string | readonly number[] | readonly string[];

const SETTINGS_BY_KEY: ReadonlyMap<string, SettingSpec> = new Map(
  SETTINGS.map((spec): [string, SettingSpec] => [spec.key, spec]),
);

/** The setting with this exact name, or undefined. Safe for any text, e.g. '__proto__'. */
export function findSetting(key: string): SettingSpec | undefined {
  return SETTINGS_BY_KEY.get(key);
}

/**
 * Builds a config from one value per setting. Callers must supply a valid value for every key;
 * this is the single place where the generic per-setting values become the typed config.
 */
export function buildConfig(valueOf: (spec: SettingSpec) => SettingValue): ExperimentConfig {
  const entries = SETTINGS.map((spec): [string, SettingValue] => {
    const value = valueOf(spec);
    return [
      spec.key,
      typeof value === 'object' ? (Object.freeze([...value]) as SettingValue) : value,
    ];
  });
  return Object.freeze(Object.fromEntries(entries)) as ExperimentConfig;
}

/** Every setting at its default value. */
export const DEFAULT_CONFIG: ExperimentConfig = buildConfig((spec) => spec.default);

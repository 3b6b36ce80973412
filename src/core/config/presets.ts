/**
 * Named experiments, in one table, for the page's preset list and the runner alike. A preset sets
 * every setting (those it does not list take their defaults) except the seed and the backend,
 * which stay as they are. A preset that promises a duration says what `npm run bench:presets`
 * measured for it on WASM; the benchmark checks the promise against a fresh measurement.
 */
import { isBareLink, parseQuery, type ParseResult } from './parse';
import { DEFAULT_CONFIG, type ExperimentConfig } from './schema';
import { toQuery } from './serialize';

export type PresetFamily = 'regression' | 'classification' | 'comparison';

export interface Preset {
  readonly id: string;
  readonly label: string;
  readonly family: PresetFamily;
  /** Differences from the defaults. */
  readonly settings: Partial<Omit<ExperimentConfig, 'seed' | 'backend'>>;
  /**
   * Seconds from Start to the final evaluation that the preset's label promises, as measured in
   * the page on WASM on a 2-core laptop-class machine (see docs/BENCHMARKS.md).
   */
  readonly promisedSeconds?: number;
}

/** How the preset list is headed, per family. */
export const PRESET_FAMILIES: Readonly<Record<PresetFamily, string>> = {
  regression: 'Sine-wave regression',
  classification: 'Few-shot image classification',
  comparison: 'Comparisons of algorithms',
};

/**
 * Glyphs, 5-way 1-shot: small enough to learn something in a minute or two on two cores. The
 * pretrained baseline trains on every 4th meta-batch, which it shows beside its results: its
 * joint step costs nearly a learner's, and the page is for watching the learner.
 */
const GLYPHS_QUICK = {
  task: 'glyphs',
  algorithm: 'maml',
  ways: 5,
  shots: 1,
  query: 5,
  metaBatch: 8,
  innerSteps: 1,
  innerLr: 0.4,
  testInnerSteps: 3,
  metaLr: 0.003,
  filters: 16,
  iterations: 300,
  evalTasks: 50,
  evalQuery: 5,
  pretrainEvery: 4,
} as const satisfies Preset['settings'];

export const PRESETS: readonly Preset[] = [
  { id: 'paper-10', label: 'MAML paper: sinusoid 10-shot', family: 'regression', settings: {} },
  {
    id: 'paper-5',
    label: 'MAML paper: sinusoid 5-shot',
    family: 'regression',
    settings: { shots: 5, query: 5 },
  },
  {
    id: 'first-order',
    label: 'First-order MAML (10-shot)',
    family: 'regression',
    settings: { firstOrder: true },
  },
  // The page's opening experiment. A meta learning rate three times the paper's gets MAML's
  // one-step held-out loss clearly below both baselines within a few hundred iterations; 2,000
  // iterations bring it to about a quarter of the pretrained network's.
  {
    id: 'quick',
    label: 'Quick demo',
    family: 'regression',
    settings: { iterations: 2000, metaLr: 0.003, evalTasks: 100 },
    promisedSeconds: 10,
  },
  // Reptile moves the start toward the weights after several plain SGD steps on a task: with one
  // step it would be little more than joint training, so it gets five.
  {
    id: 'reptile',
    label: 'Reptile (10-shot, 5 inner steps)',
    family: 'regression',
    settings: { algorithm: 'reptile', innerSteps: 5 },
  },
  {
    id: 'metasgd',
    label: 'Meta-SGD: learned inner rates (10-shot)',
    family: 'regression',
    settings: { algorithm: 'metasgd' },
  },
  {
    id: 'anil',
    label: 'ANIL: only the last layer adapts (10-shot)',
    family: 'regression',
    settings: { algorithm: 'anil' },
  },
  // Six fixed tasks, the last one noisy (sigma 1.5): the learned sigmas should follow the noise.
  {
    id: 'multitask',
    label: 'Multi-task, hard sharing, uncertainty weighting',
    family: 'regression',
    settings: {
      algorithm: 'multitask',
      sharing: 'hard',
      weighting: 'uncertainty',
      mtlTasks: 6,
      taskNoise: 1.5,
      iterations: 5000,
      evalTasks: 200,
    },
  },
  {
    id: 'glyphs-maml',
    label: 'Glyphs 5-way 1-shot, MAML',
    family: 'classification',
    settings: GLYPHS_QUICK,
  },
  {
    id: 'glyphs-protonet',
    label: 'Glyphs 5-way 1-shot, prototypical networks',
    family: 'classification',
    settings: { ...GLYPHS_QUICK, algorithm: 'protonet' },
  },
  // The MAML paper's Omniglot 5-way 1-shot set-up, with 32 filters instead of 64.
  {
    id: 'omniglot-maml',
    label: 'Omniglot 5-way 1-shot (MAML paper settings, 32 filters)',
    family: 'classification',
    settings: {
      task: 'omniglot',
      ways: 5,
      shots: 1,
      query: 15,
      metaBatch: 32,
      innerSteps: 1,
      testInnerSteps: 3,
      innerLr: 0.4,
      metaLr: 0.001,
      filters: 32,
      iterations: 60000,
      evalTasks: 600,
      evalQuery: 15,
    },
  },
  {
    id: 'omniglot-protonet',
    label: 'Omniglot 20-way 1-shot, prototypical networks',
    family: 'classification',
    settings: {
      task: 'omniglot',
      algorithm: 'protonet',
      ways: 20,
      shots: 1,
      query: 5,
      metaBatch: 4,
      filters: 32,
      iterations: 5000,
      evalTasks: 200,
      evalQuery: 15,
    },
  },
  // Every compared algorithm trains on the same tasks each iteration, so comparisons are short.
  // One inner step, the protocol of the MAML and Meta-SGD papers' sinusoid tables.
  {
    id: 'compare-maml-family',
    label: 'Compare: MAML vs FO-MAML vs Meta-SGD vs ANIL (sinusoid 5-shot)',
    family: 'comparison',
    settings: {
      shots: 5,
      query: 5,
      innerSteps: 1,
      testInnerSteps: 10,
      iterations: 3000,
      evalTasks: 100,
      compare: ['maml', 'fomaml', 'metasgd', 'anil'],
    },
  },
  // Reptile needs several inner steps to differ from joint training; MAML takes the same ones.
  {
    id: 'compare-reptile',
    label: 'Compare: MAML vs Reptile, 5 inner steps (sinusoid 5-shot)',
    family: 'comparison',
    settings: {
      shots: 5,
      query: 5,
      innerSteps: 5,
      iterations: 2000,
      evalTasks: 100,
      compare: ['maml', 'reptile'],
    },
  },
  // Transfer from a fixed set of tasks against learning to adapt; scratch is always drawn.
  {
    id: 'compare-transfer',
    label: 'Transfer: multi-task vs MAML vs scratch',
    family: 'comparison',
    settings: { iterations: 3000, evalTasks: 100, compare: ['multitask', 'maml'] },
  },
  // Lines y = a x + b and a linear model: two parameters, so the parameter-space view draws every
  // model on the (w, b) plane. One inner step (the picture is about one step; Reptile then is joint
  // training and runs under pretraining); 0.3 takes the wide tasks most of the way in one step.
  // A slow outer rate, so the paths take several of the view's pictures (about one a second):
  // the initialisations settle in about 800 iterations, some 5 s on WASM.
  {
    id: 'param-space',
    label: "MAML's picture in parameter space",
    family: 'comparison',
    settings: {
      task: 'lines',
      hidden: [],
      shots: 10,
      query: 10,
      metaBatch: 10,
      innerSteps: 1,
      innerLr: 0.3,
      metaLr: 0.003,
      testInnerSteps: 5,
      iterations: 2000,
      evalTasks: 100,
      compare: ['maml', 'fomaml', 'reptile'],
    },
  },
];

/** The settings a preset gives, keeping the seed and backend of `current`. */
export function presetConfig(preset: Preset, current: ExperimentConfig): ExperimentConfig {
  return Object.freeze({
    ...DEFAULT_CONFIG,
    ...preset.settings,
    seed: current.seed,
    backend: current.backend,
  });
}

/** The preset these settings are exactly (apart from seed and backend), if any. */
export function matchingPreset(config: ExperimentConfig): Preset | undefined {
  const query = toQuery(config);
  return PRESETS.find((preset) => toQuery(presetConfig(preset, config)) === query);
}

/** The preset's name as the page lists it, with the duration it promises, if any. */
export function presetTitle(preset: Preset): string {
  return preset.promisedSeconds === undefined
    ? preset.label
    : `${preset.label} (about ${preset.promisedSeconds} s)`;
}

/** What the page opens on when its address holds no settings: a run that tells the story fast. */
export const OPENING_PRESET: Preset = PRESETS.find((preset) => preset.id === 'quick')!;

/**
 * Settings from a link as the page opens it: a link that holds no settings at all opens on the
 * opening preset, any other is read by `parseQuery`. The page and the headless runner both read
 * links this way, so a link gives the same run in both.
 */
export function parseLink(text: string): ParseResult {
  if (isBareLink(text))
    return { config: presetConfig(OPENING_PRESET, DEFAULT_CONFIG), problems: [] };
  return parseQuery(text);
}

/**
 * Named experiments, in one table. A preset sets every setting (those it does not list take their
 * defaults) except the seed and the backend, which stay as they are.
 */
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../../core/config';
import { sameConfig } from '../../store/settingsSlice';

export type PresetFamily = 'regression' | 'classification';

export interface Preset {
  readonly id: string;
  readonly label: string;
  readonly family: PresetFamily;
  /** Differences from the defaults. */
  readonly settings: Partial<Omit<ExperimentConfig, 'seed' | 'backend'>>;
}

/** How the preset list is headed, per family. */
export const PRESET_FAMILIES: Readonly<Record<PresetFamily, string>> = {
  regression: 'Sine-wave regression',
  classification: 'Few-shot image classification',
};

/** Glyphs, 5-way 1-shot: small enough to learn something in a minute or two on two cores. */
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
  // About 8 s of training on WASM (about 5 ms an iteration on two cores) plus held-out
  // evaluations; after 1500 iterations MAML already adapts far better than both baselines.
  {
    id: 'quick',
    label: 'Quick demo (about 30 s)',
    family: 'regression',
    settings: { iterations: 1500, evalTasks: 100 },
  },
  {
    id: 'glyphs-maml',
    label: 'Glyphs 5-way 1-shot, MAML (quick)',
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
  return PRESETS.find((preset) => sameConfig(presetConfig(preset, config), config));
}

/**
 * Named experiments. A preset sets every setting (those it does not list take their defaults)
 * except the seed and the backend, which stay as they are.
 */
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../../core/config';
import { sameConfig } from '../../store/settingsSlice';

export interface Preset {
  readonly id: string;
  readonly label: string;
  /** Differences from the defaults. */
  readonly settings: Partial<Omit<ExperimentConfig, 'seed' | 'backend'>>;
}

export const PRESETS: readonly Preset[] = [
  { id: 'paper-10', label: 'MAML paper: sinusoid 10-shot', settings: {} },
  { id: 'paper-5', label: 'MAML paper: sinusoid 5-shot', settings: { shots: 5, query: 5 } },
  { id: 'first-order', label: 'First-order MAML (10-shot)', settings: { firstOrder: true } },
  // About 8 s of training on WASM (about 5 ms an iteration on two cores) plus held-out
  // evaluations; after 1500 iterations MAML already adapts far better than both baselines.
  { id: 'quick', label: 'Quick demo (about 30 s)', settings: { iterations: 1500, evalTasks: 100 } },
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

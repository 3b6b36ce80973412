import { expect } from 'vitest';
import { DEFAULT_CONFIG, applyOverrides, type ExperimentConfig } from '../../src/core/config';
import type { Trainer } from '../../src/core/trainer/trainer';
import type {
  Evaluation,
  StepMetrics,
  StepResult,
  TrainerSnapshot,
} from '../../src/core/trainer/types';

/** The default configuration with `key=value` settings applied, failing the test on a bad one. */
export function configWith(...pairs: string[]): ExperimentConfig {
  const { config, problems } = applyOverrides(DEFAULT_CONFIG, pairs);
  expect(problems).toEqual([]);
  return config;
}

/**
 * `base` with `pairs` replacing settings of the same name, so a test can vary one setting of a
 * small preset without repeating the rest.
 */
export function configOver(base: readonly string[], ...pairs: string[]): ExperimentConfig {
  const byKey = new Map([...base, ...pairs].map((pair) => [pair.split('=')[0]!, pair]));
  return configWith(...byKey.values());
}

/** `iterations` steps of a trainer; a divergence fails the test with its message. */
export async function train(
  trainer: { step(): Promise<StepResult> },
  iterations: number,
): Promise<StepMetrics[]> {
  const metrics: StepMetrics[] = [];
  for (let i = 0; i < iterations; i++) {
    const result = await trainer.step();
    if (!result.ok) throw new Error(result.divergence.message);
    metrics.push(result.metrics);
  }
  return metrics;
}

/** A copy of one model's values as they stand (a snapshot's, so later steps leave it alone). */
export function valuesOf(trainer: Trainer, id: string): readonly Float32Array[] {
  const model = trainer.snapshot().models.find((m) => m.id === id);
  if (!model) throw new Error(`The run has no model ${id}.`);
  return model.values;
}

/**
 * An evaluation without its models' wall time per iteration: a clock reading, which two runs of
 * the same numbers do not share.
 */
export function numbersOf(evaluation: Evaluation): Evaluation {
  return {
    ...evaluation,
    models: evaluation.models.map((model) => ({ ...model, msPerIteration: 0 })),
  };
}

/**
 * `snapshot` with one model's values multiplied by `factor`: weights far beyond float32's range
 * make its every prediction overflow, a real divergence at the next step.
 */
export function scaledValues(
  snapshot: TrainerSnapshot,
  id: string,
  factor: number,
): TrainerSnapshot {
  return {
    ...snapshot,
    models: snapshot.models.map((model) =>
      model.id === id
        ? { ...model, values: model.values.map((v) => v.map((w) => w * factor)) }
        : model,
    ),
  };
}

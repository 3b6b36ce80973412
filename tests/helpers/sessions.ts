import { expect } from 'vitest';
import { DEFAULT_CONFIG, applyOverrides, type ExperimentConfig } from '../../src/core/config';
import type { StepMetrics, StepResult } from '../../src/core/session/types';

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

/** `iterations` steps of any session; a divergence fails the test with its message. */
export async function train(
  session: { step(): Promise<StepResult> },
  iterations: number,
): Promise<StepMetrics[]> {
  const metrics: StepMetrics[] = [];
  for (let i = 0; i < iterations; i++) {
    const result = await session.step();
    if (!result.ok) throw new Error(result.divergence.message);
    metrics.push(result.metrics);
  }
  return metrics;
}

import type { Rng } from '../random/rng';
import type { RegressionBatch } from './regressionBatch';

export type { RegressionBatch } from './regressionBatch';
export { firstTasks } from './regressionBatch';

/**
 * Sinusoid regression tasks as in Finn et al. 2017 (MAML), section 5.1:
 * y = A sin(x - phase), amplitude A ~ U[0.1, 5], phase ~ U[0, pi], inputs x ~ U[-5, 5].
 */
export const SINUSOID = {
  amplitude: [0.1, 5.0],
  phase: [0, Math.PI],
  input: [-5.0, 5.0],
} as const;

/** Sine-wave tasks: a regression batch with each task's amplitude and phase. */
export interface SinusoidBatch extends RegressionBatch {
  readonly amplitude: Float64Array;
  readonly phase: Float64Array;
}

export function sinusoidValue(amplitude: number, phase: number, x: number): number {
  return amplitude * Math.sin(x - phase);
}

function fillPoints(
  rng: Rng,
  amplitude: number,
  phase: number,
  xs: Float32Array,
  ys: Float32Array,
  offset: number,
  count: number,
): void {
  for (let i = offset; i < offset + count; i++) {
    const x = rng.uniform(SINUSOID.input[0], SINUSOID.input[1]);
    xs[i] = x;
    ys[i] = sinusoidValue(amplitude, phase, x);
  }
}

/** Draws a meta-batch of sinusoid tasks, each with its own support and query points. */
export function sampleSinusoidBatch(
  rng: Rng,
  tasks: number,
  support: number,
  query: number,
): SinusoidBatch {
  const batch = {
    tasks,
    support,
    query,
    inputs: 1,
    supportX: new Float32Array(tasks * support),
    supportY: new Float32Array(tasks * support),
    queryX: new Float32Array(tasks * query),
    queryY: new Float32Array(tasks * query),
    amplitude: new Float64Array(tasks),
    phase: new Float64Array(tasks),
    describe: (t: number) => [
      { name: 'amplitude', value: batch.amplitude[t]!.toFixed(2) },
      { name: 'phase', value: batch.phase[t]!.toFixed(2) },
    ],
  };
  for (let t = 0; t < tasks; t++) {
    const amplitude = rng.uniform(SINUSOID.amplitude[0], SINUSOID.amplitude[1]);
    const phase = rng.uniform(SINUSOID.phase[0], SINUSOID.phase[1]);
    batch.amplitude[t] = amplitude;
    batch.phase[t] = phase;
    fillPoints(rng, amplitude, phase, batch.supportX, batch.supportY, t * support, support);
    fillPoints(rng, amplitude, phase, batch.queryX, batch.queryY, t * query, query);
  }
  return batch;
}

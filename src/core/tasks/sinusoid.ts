import type { Rng } from '../random/rng';

/**
 * Sinusoid regression tasks as in Finn et al. 2017 (MAML), section 5.1:
 * y = A sin(x - phase), amplitude A ~ U[0.1, 5], phase ~ U[0, pi], inputs x ~ U[-5, 5].
 */
export const SINUSOID = {
  amplitude: [0.1, 5.0],
  phase: [0, Math.PI],
  input: [-5.0, 5.0],
} as const;

/** T tasks stored task-major: task t's support points are rows t*support .. (t+1)*support - 1. */
export interface RegressionBatch {
  readonly tasks: number;
  readonly support: number;
  readonly query: number;
  readonly supportX: Float32Array;
  readonly supportY: Float32Array;
  readonly queryX: Float32Array;
  readonly queryY: Float32Array;
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
): RegressionBatch {
  const batch = {
    tasks,
    support,
    query,
    supportX: new Float32Array(tasks * support),
    supportY: new Float32Array(tasks * support),
    queryX: new Float32Array(tasks * query),
    queryY: new Float32Array(tasks * query),
    amplitude: new Float64Array(tasks),
    phase: new Float64Array(tasks),
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

/** The first `count` tasks of a batch (views, not copies). */
export function firstTasks(batch: RegressionBatch, count: number): RegressionBatch {
  if (count >= batch.tasks) return batch;
  return {
    tasks: count,
    support: batch.support,
    query: batch.query,
    supportX: batch.supportX.subarray(0, count * batch.support),
    supportY: batch.supportY.subarray(0, count * batch.support),
    queryX: batch.queryX.subarray(0, count * batch.query),
    queryY: batch.queryY.subarray(0, count * batch.query),
    amplitude: batch.amplitude.subarray(0, count),
    phase: batch.phase.subarray(0, count),
  };
}

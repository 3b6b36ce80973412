import type { Rng } from '../random/rng';
import type { RegressionBatch } from './regressionBatch';
import { sampleOneInputPoints } from './oneInputBatch';

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

/** Draws a meta-batch of sinusoid tasks, each with its own support and query points. */
export function sampleSinusoidBatch(
  rng: Rng,
  tasks: number,
  support: number,
  query: number,
): SinusoidBatch {
  const amplitude = new Float64Array(tasks);
  const phase = new Float64Array(tasks);
  const points = sampleOneInputPoints(rng, tasks, support, query, (r, t) => {
    const a = r.uniform(SINUSOID.amplitude[0], SINUSOID.amplitude[1]);
    const p = r.uniform(SINUSOID.phase[0], SINUSOID.phase[1]);
    amplitude[t] = a;
    phase[t] = p;
    return { input: SINUSOID.input, value: (x) => sinusoidValue(a, p, x) };
  });
  return {
    ...points,
    amplitude,
    phase,
    describe: (t: number) => [
      { name: 'amplitude', value: amplitude[t]!.toFixed(2) },
      { name: 'phase', value: phase[t]!.toFixed(2) },
    ],
  };
}

/** Sine waves of random amplitude and phase (Finn et al. 2017, section 5.1). */
import type { RegressionFamily } from '../contract';
import { SINUSOID, sampleSinusoidBatch, sinusoidValue } from '../../tasks/sinusoid';

export const SINUSOID_FAMILY: RegressionFamily<'sinusoid'> = {
  id: 'sinusoid',
  name: 'Sine waves',
  hint: 'fits sine waves of random amplitude and phase',
  kind: 'regression',
  view: 'function',
  reads: ['hidden', 'activation'],
  // The MAML paper uses 0.01 on sine waves; much above 0.1 a step overshoots.
  innerLr: { safe: 0.1, paper: 0.01 },
  inputs: 1,
  // Amplitudes reach 5: a little room above and below.
  window: { x: [SINUSOID.input[0], SINUSOID.input[1]], y: [-6, 6] },
  sampleBatch: sampleSinusoidBatch,
  drawTask: (rng, shots) => {
    const batch = sampleSinusoidBatch(rng, 1, shots, 0);
    const amplitude = batch.amplitude[0]!;
    const phase = batch.phase[0]!;
    return {
      supportX: batch.supportX,
      supportY: batch.supportY,
      truth: (x) => sinusoidValue(amplitude, phase, x),
      formula: `y = ${amplitude.toFixed(2)} sin(x \u2212 ${phase.toFixed(2)})`,
    };
  },
};

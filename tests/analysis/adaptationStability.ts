/**
 * Why can fine-tuning from a meta-learned initialisation blow up after a few steps? For a runner
 * result file (which stores the final parameters), this re-evaluates every held-out task, counts
 * the tasks whose loss after the last step is more than ten times their loss after one step, prints
 * the median loss per step, and for the first few such tasks recomputes the curve with the float64
 * reference and estimates the largest eigenvalue of the support loss's Hessian at the
 * initialisation (power iteration on finite-difference Hessian-vector products). Plain SGD with
 * rate innerLr is unstable along directions whose curvature exceeds 2 / innerLr.
 *
 *   npx tsx tests/analysis/adaptationStability.ts results.json
 */
import { readFileSync } from 'node:fs';
import { tf } from '../../src/core/tfjs/tf';
import { startBackend } from '../../src/cli/nodeBackend';
import { createRng } from '../../src/core/random/rng';
import { sampleSinusoidBatch } from '../../src/core/tasks/sinusoid';
import { layerSizes, toTensors, type Activation } from '../../src/core/model/mlp';
import { adaptationLosses } from '../../src/core/maml/evaluation';
import { adapt, mseGradient, mseLoss, type Task64 } from '../../src/core/check/float64Mlp';
import { flatten, toTasks64 } from '../helpers/fixtures';

interface SavedRun {
  config: {
    hidden: number[];
    activation: Activation;
    seed: number;
    evalTasks: number;
    shots: number;
    evalQuery: number;
    innerLr: number;
    testInnerSteps: number;
  };
  parameters: number[][];
}

function topCurvature(flat: Float64Array, sizes: number[], task: Task64, kind: Activation): number {
  const rng = createRng(0, 'power-iteration');
  let v = flat.map(() => rng.normal());
  let lambda = 0;
  const h = 1e-4;
  for (let iteration = 0; iteration < 60; iteration++) {
    const norm = Math.hypot(...v);
    v = v.map((x) => x / norm);
    const shifted = (sign: number): Float64Array =>
      mseGradient(
        flat.map((p, i) => p + sign * h * v[i]!),
        sizes,
        task.supportX,
        task.supportY,
        kind,
      );
    const plus = shifted(1);
    const minus = shifted(-1);
    const hv = plus.map((g, i) => (g - minus[i]!) / (2 * h));
    lambda = hv.reduce((sum, x, i) => sum + x * v[i]!, 0);
    v = hv;
  }
  return lambda;
}

async function main(): Promise<void> {
  const run = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as SavedRun;
  const c = run.config;
  await startBackend('wasm');
  const spec = { inputSize: 1, hidden: c.hidden, outputSize: 1, activation: c.activation };
  const values = run.parameters.map((p) => Float32Array.from(p));
  const heldOut = sampleSinusoidBatch(
    createRng(c.seed, 'evaluation'),
    c.evalTasks,
    c.shots,
    c.evalQuery,
  );
  const params = toTensors(spec, values);
  const steps = c.testInnerSteps;
  const losses = await adaptationLosses(params, heldOut, steps, c.innerLr, c.activation);
  tf.dispose(params);
  const last = losses[steps]!;
  const unstable = [...last.keys()].filter((t) => !(last[t]! <= 10 * losses[1]![t]!));
  const median = (values: Float64Array): number =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  console.log(
    `${unstable.length} of ${last.length} tasks end more than ten times worse than after one step`,
  );
  console.log(`median loss per step: ${losses.map((l) => median(l).toFixed(3)).join(' ')}`);
  const tasks = toTasks64(heldOut);
  const flat = flatten(values);
  const sizes = layerSizes(spec);
  for (const t of unstable.slice(0, 5)) {
    const task = tasks[t]!;
    const reference = mseLoss(
      adapt(flat, sizes, task, c.innerLr, steps, c.activation),
      sizes,
      task.queryX,
      task.queryY,
      c.activation,
    );
    console.log(
      `task ${t}: loss after 1 step ${losses[1]![t]!.toExponential(2)}, after ${steps} ` +
        `${last[t]!.toExponential(2)} (float64 reference ${reference.toExponential(2)}); ` +
        `top curvature ${topCurvature(flat, sizes, task, c.activation).toFixed(1)} ` +
        `vs 2 / innerLr = ${(2 / c.innerLr).toFixed(0)}`,
    );
  }
}

await main();

/**
 * Speed of batch normalisation written as tfjs ops against the fused kernels
 * (src/core/tfjs/fusedBatchNorm.ts), interleaved round by round in one process after a warm-up of
 * at least 50 rounds:
 *
 * (a) batch norm alone at the shapes of the conv net's first two blocks for one meta-batch's
 *     images: the forward pass and its gradient (first order), and also the gradient of that
 *     gradient (second order, as MAML uses it), read back;
 * (b) one whole second-order MAML learner step (glyphLearnerStep.ts).
 *
 *   npm run bench:batch-norm -- [--backend wasm|cpu] [--iterations N] [--seconds S] [--warm-up W]
 *                               [--parts a,b] [--images N]
 *
 * Prints the median and interquartile range of milliseconds per round for each method, ops over
 * fused, and the load average at the start and at the end.
 */
import { tf } from '../core/tfjs/tf';
import { useFasterKernels } from '../core/tfjs/fasterKernels';
import {
  type BatchNormMethod,
  fusedBatchNormActive,
  setBatchNormMethod,
} from '../core/tfjs/fusedBatchNorm';
import { timeInterleaved } from '../core/bench/interleaved';
import { createRng } from '../core/random/rng';
import { batchNormOnTasks } from '../core/model/classifier';
import { startBackend } from './nodeBackend';
import {
  type TimingOptions,
  budgetOf,
  defaultTimingOptions,
  positiveNumber,
  readTimingFlag,
  reportMethods,
  runBenchmark,
  timingHeader,
} from './benchArgs';
import { GLYPH_STEP, compareOnGlyphLearnerStep } from './glyphLearnerStep';

const METHODS: readonly BatchNormMethod[] = ['ops', 'fused'];

interface Options extends TimingOptions {
  parts: string[];
  /** Images in part (a)'s batch, split evenly over the tasks; one meta-batch's (320) unless given. */
  images: number;
}

function readOptions(argv: readonly string[]): Options {
  const options: Options = {
    ...defaultTimingOptions(),
    parts: ['a', 'b'],
    images: GLYPH_STEP.metaBatch * GLYPH_STEP.ways * (GLYPH_STEP.shots + GLYPH_STEP.queries),
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (readTimingFlag(options, flag!, value)) continue;
    if (flag === '--parts' && value.split(',').every((p) => p === 'a' || p === 'b'))
      options.parts = value.split(',');
    else if (flag === '--images' && positiveNumber(value) !== null)
      options.images = Math.max(GLYPH_STEP.metaBatch, Math.round(Number(value)));
    else throw new Error(`Unknown or bad argument ${flag} ${value}`);
  }
  return options;
}

/** Runs `work` with the method forced, and the default restored after. */
function withMethod(method: BatchNormMethod, work: () => Promise<void>) {
  return async (): Promise<void> => {
    setBatchNormMethod(method);
    try {
      await work();
    } finally {
      setBatchNormMethod('fused');
    }
  };
}

/**
 * (a): batch norm per task of z [tasks, rows, channels] and its gradient (first order, as
 * prototypical networks and the baselines train), or also the gradient of that gradient (second
 * order, as MAML's outer pass differentiates its inner step).
 */
function batchNormRound(shape: [number, number, number], order: 1 | 2) {
  const rng = createRng(1, 'bench-batch-norm');
  const random = (size: number) => Float32Array.from({ length: size }, () => rng.uniform(-1, 1));
  const [tasks, rows, channels] = shape;
  const zValues = random(tasks * rows * channels);
  const yValues = random(zValues.length);
  const scaleValues = random(tasks * channels);
  return async (): Promise<void> => {
    const result = tf.tidy(() => {
      const z = tf.tensor3d(zValues, shape);
      const y = tf.tensor3d(yValues, shape);
      const scale = tf.tensor2d(scaleValues, [tasks, channels]);
      const offset = tf.zerosLike(scale);
      const loss = (x: tf.Tensor) =>
        tf.sum(tf.mul(batchNormOnTasks(x as tf.Tensor3D, scale, offset, true), y));
      if (order === 1) return tf.sum(tf.grad(loss)(z));
      // The inner gradient, then the gradient of a function of it, as MAML's outer pass does.
      const outer = tf.grad((x: tf.Tensor) => tf.sum(tf.square(tf.grad(loss)(x))));
      return tf.sum(outer(z));
    });
    await result.data();
    result.dispose();
  };
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const backend = await startBackend(options.backend);
  useFasterKernels();
  if (!fusedBatchNormActive()) throw new Error(`No fused batch norm on the ${backend} backend.`);
  const budget = budgetOf(options);
  process.stdout.write(timingHeader(backend, options));
  const perTask = Math.floor(options.images / GLYPH_STEP.metaBatch);
  if (options.parts.includes('a')) {
    for (const side of [14, 7]) {
      const shape: [number, number, number] = [
        GLYPH_STEP.metaBatch,
        perTask * side * side,
        GLYPH_STEP.filters,
      ];
      for (const order of [1, 2] as const) {
        const round = batchNormRound(shape, order);
        const times = await timeInterleaved(
          METHODS.map((m) => withMethod(m, round)),
          budget,
        );
        const what = order === 1 ? 'and its gradient' : 'its gradient and second order';
        reportMethods(`(a) batch norm ${what}, z [${shape.join(', ')}]`, METHODS, times);
      }
    }
  }
  if (options.parts.includes('b')) {
    await compareOnGlyphLearnerStep('(b)', METHODS, withMethod, budget);
  }
}

runBenchmark(main);

/**
 * Speed of the ways of taking stride-2 convolution patches (src/core/tfjs/stride2Patches.ts),
 * interleaved round by round in one process after a warm-up of at least 50 rounds:
 *
 * (a) the patches and their gradient alone (one forward and one adjoint), at the shapes of the
 *     conv net's first two layers for one meta-batch's images;
 * (b) one whole learner step: the second-order MAML meta-gradient of a classification meta-batch
 *     (5-way 1-shot, 15 queries per class, 32 filters, 4 blocks with batch norm, 28 px images,
 *     meta-batch 4, one inner step) and one read-back of it, as training does.
 *
 *   npm run bench:patches -- [--backend wasm|cpu] [--iterations N] [--seconds S] [--warm-up W]
 *                            [--methods slices,gather-scatter,gather] [--parts a,b]
 *                            [--images N]
 *
 * Prints the median and interquartile range of milliseconds per round for each method, each
 * method's median over the first's (the old path, "slices"), and the load average at the start
 * and at the end (a busy machine slows every method alike; the ratios are what count).
 */
import os from 'node:os';
import { tf } from '../core/tfjs/tf';
import {
  PATCH_METHODS,
  defaultPatchMethod,
  setPatchMethod,
  stride2Patches,
  stride2Size,
  type PatchMethod,
} from '../core/tfjs/stride2Patches';
import { useFasterKernels } from '../core/tfjs/fasterKernels';
import { MIN_WARM_UP, timeInterleaved } from '../core/bench/interleaved';
import { formatSpread, spreadOf } from '../core/bench/spread';
import { createRng } from '../core/random/rng';
import { initialClassifierValues, toClassifierTensors } from '../core/model/classifierParams';
import {
  classificationTensors,
  disposeClassificationTensors,
} from '../core/classification/classificationTensors';
import { classificationMetaGradient } from '../core/learners/maml/classification';
import { randomClassificationBatch } from '../core/classification/randomBatch';
import type { ClassifierSpec } from '../core/classification/types';
import { NODE_BACKENDS, type NodeBackend } from './args';
import { startBackend } from './nodeBackend';
import { positiveNumber } from './benchArgs';

const WAYS = 5;
const SHOTS = 1;
const QUERIES = 15;
const META_BATCH = 4;
const FILTERS = 32;
const SPEC: ClassifierSpec = {
  kind: 'conv',
  imageSize: 28,
  filters: FILTERS,
  blocks: 4,
  norm: 'batch',
  outputs: WAYS,
};

interface Options {
  backend: NodeBackend;
  iterations: number;
  seconds: number;
  warmUp: number;
  methods: PatchMethod[];
  parts: string[];
  /** Images in part (a)'s batch; one meta-batch's (320) unless given. */
  images: number;
}

function readOptions(argv: readonly string[]): Options {
  const options: Options = {
    backend: 'wasm',
    iterations: 100,
    seconds: 60,
    warmUp: MIN_WARM_UP,
    methods: [...PATCH_METHODS],
    parts: ['a', 'b'],
    images: META_BATCH * WAYS * (SHOTS + QUERIES),
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--iterations' && positiveNumber(value) !== null)
      options.iterations = Math.round(Number(value));
    else if (flag === '--seconds' && positiveNumber(value) !== null)
      options.seconds = Number(value);
    else if (flag === '--warm-up' && positiveNumber(value) !== null)
      options.warmUp = Math.max(MIN_WARM_UP, Math.round(Number(value)));
    else if (flag === '--backend' && (NODE_BACKENDS as readonly string[]).includes(value))
      options.backend = value as NodeBackend;
    else if (
      flag === '--methods' &&
      value.split(',').every((m) => (PATCH_METHODS as readonly string[]).includes(m))
    )
      options.methods = value.split(',') as PatchMethod[];
    else if (flag === '--images' && positiveNumber(value) !== null)
      options.images = Math.round(Number(value));
    else if (flag === '--parts' && value.split(',').every((p) => p === 'a' || p === 'b'))
      options.parts = value.split(',');
    else throw new Error(`Unknown or bad argument ${flag} ${value}`);
  }
  return options;
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(', ');
}

/** Prints one line per method and its ratio to the first. */
function report(title: string, methods: readonly PatchMethod[], times: number[][]): void {
  process.stdout.write(`\n${title}\n`);
  const spreads = times.map(spreadOf);
  spreads.forEach((spread, i) => {
    const ratio = spreads[0]!.median / spread.median;
    process.stdout.write(
      `  ${methods[i]!.padEnd(15)} ${formatSpread(spread, 2)} ms` +
        (i === 0 ? '' : `   ${methods[0]} / this: ${ratio.toFixed(2)}x`) +
        '\n',
    );
  });
}

/** (a): forward patches and the gradient of <patches(x), y> (one adjoint), read back. */
function patchRunner(method: PatchMethod, shape: [number, number, number, number]) {
  const [n, h, w, c] = shape;
  const rng = createRng(1, 'bench-patches');
  const random = (size: number) => Float32Array.from({ length: size }, () => rng.uniform(-1, 1));
  const xValues = random(n * h * w * c);
  const yValues = random(n * stride2Size(h) * stride2Size(w) * 9 * c);
  return async (): Promise<void> => {
    const result = tf.tidy(() => {
      const x = tf.tensor4d(xValues, shape);
      const y = tf.tensor2d(yValues, [yValues.length / (9 * c), 9 * c]);
      const grad = tf.grad((z: tf.Tensor) =>
        tf.sum(tf.mul(stride2Patches(z as tf.Tensor4D, method), y)),
      );
      return tf.sum(grad(x));
    });
    await result.data();
    result.dispose();
  };
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const backend = await startBackend(options.backend);
  // The kernels the classifier installs for itself (faster CPU Slice and Pad, WASM Identity).
  useFasterKernels();
  const budget = {
    iterations: options.iterations,
    warmUp: options.warmUp,
    seconds: options.seconds,
    now: () => performance.now(),
  };
  const { methods } = options;
  process.stdout.write(
    `Backend ${backend}; default patch method here: ${defaultPatchMethod(backend)}; ` +
      `warm-up ${options.warmUp} rounds, then at most ${options.iterations} rounds or ` +
      `${options.seconds} s per part.\nLoad average at start (1, 5, 15 min): ${loadAverage()}\n`,
  );
  const { images } = options;
  if (options.parts.includes('a')) {
    const shapes: [number, number, number, number][] = [
      [images, 28, 28, 1],
      [images, 14, 14, FILTERS],
      [images, 7, 7, FILTERS],
    ];
    for (const shape of shapes) {
      const times = await timeInterleaved(
        methods.map((m) => patchRunner(m, shape)),
        budget,
      );
      report(`(a) patches + gradient, x [${shape.join(', ')}]`, methods, times);
    }
  }
  if (options.parts.includes('b')) {
    const theta = toClassifierTensors(SPEC, initialClassifierValues(SPEC, createRng(1, 'init')));
    const tensors = classificationTensors(
      randomClassificationBatch(createRng(1, 'speed-images'), {
        tasks: META_BATCH,
        ways: WAYS,
        shots: SHOTS,
        queries: QUERIES,
        imageSize: SPEC.imageSize,
      }),
    );
    const step = (method: PatchMethod) => async (): Promise<void> => {
      setPatchMethod(method);
      try {
        const flat = tf.tidy(() =>
          tf.concat(
            classificationMetaGradient(SPEC, theta, tensors, {
              innerLr: 0.4,
              innerSteps: 1,
              firstOrder: false,
            }).grads.map((g) => tf.reshape(g, [-1])),
          ),
        );
        await flat.data();
        flat.dispose();
      } finally {
        setPatchMethod(null);
      }
    };
    try {
      const times = await timeInterleaved(methods.map(step), budget);
      report(
        `(b) second-order MAML learner step: ${WAYS}-way ${SHOTS}-shot, ${QUERIES} queries per ` +
          `class, ${FILTERS} filters, meta-batch ${META_BATCH}`,
        methods,
        times,
      );
    } finally {
      tf.dispose(theta);
      disposeClassificationTensors(tensors);
    }
  }
  process.stdout.write(`\nLoad average at end (1, 5, 15 min): ${loadAverage()}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

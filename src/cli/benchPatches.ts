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
import { timeInterleaved } from '../core/bench/interleaved';
import { createRng } from '../core/random/rng';
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

interface Options extends TimingOptions {
  methods: PatchMethod[];
  parts: string[];
  /** Images in part (a)'s batch; one meta-batch's (320) unless given. */
  images: number;
}

function readOptions(argv: readonly string[]): Options {
  const options: Options = {
    ...defaultTimingOptions(),
    methods: [...PATCH_METHODS],
    parts: ['a', 'b'],
    images: GLYPH_STEP.metaBatch * GLYPH_STEP.ways * (GLYPH_STEP.shots + GLYPH_STEP.queries),
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (readTimingFlag(options, flag!, value)) continue;
    if (
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
  const budget = budgetOf(options);
  const { methods } = options;
  process.stdout.write(
    timingHeader(backend, options, `; default patch method here: ${defaultPatchMethod(backend)}`),
  );
  const { images } = options;
  if (options.parts.includes('a')) {
    const shapes: [number, number, number, number][] = [
      [images, 28, 28, 1],
      [images, 14, 14, GLYPH_STEP.filters],
      [images, 7, 7, GLYPH_STEP.filters],
    ];
    for (const shape of shapes) {
      const times = await timeInterleaved(
        methods.map((m) => patchRunner(m, shape)),
        budget,
      );
      reportMethods(`(a) patches + gradient, x [${shape.join(', ')}]`, methods, times);
    }
  }
  if (options.parts.includes('b')) {
    const withMethod = (method: PatchMethod, work: () => Promise<void>) => async () => {
      setPatchMethod(method);
      try {
        await work();
      } finally {
        setPatchMethod(null);
      }
    };
    await compareOnGlyphLearnerStep('(b)', methods, withMethod, budget);
  }
}

runBenchmark(main);

/**
 * Speed of batched matrix products on WASM: tfjs's own BatchMatMul kernel against the SIMD kernel
 * (src/core/tfjs/simd/), interleaved round by round in one process after a warm-up of at least 50
 * rounds:
 *
 * (a) the products alone (read back synchronously), at shapes the engines run: the sinusoid MAML engine's per-task products
 *     and a conv net's per-task filters (one meta-batch of the glyph step's images, second block);
 * (b) one sinusoid MAML meta-iteration of the default settings with 1 and with 5 inner steps
 *     (sample tasks, meta-gradient, read-back, Adam);
 * (c) one second-order MAML learner step on glyph-sized images (glyphLearnerStep.ts).
 *
 *   npm run bench:batch-matmul -- [--iterations N] [--seconds S] [--warm-up W] [--parts a,b,c]
 *
 * Prints the median and interquartile range of milliseconds per round for each kernel, tfjs over
 * SIMD, and the load average at the start and at the end.
 */
import { tf } from '../core/tfjs/tf';
import { timeInterleaved } from '../core/bench/interleaved';
import { createRng } from '../core/random/rng';
import { DEFAULT_CONFIG } from '../core/config';
import { metaIterationRunner } from '../core/bench/metaIterationSpeed';
import { metaGradient } from '../core/learners/maml/lowRankMaml';
import {
  type BatchMatMulMethod,
  setBatchMatMulMethod,
  useSimdBatchMatMulOnWasm,
} from '../core/tfjs/simd/wasmBatchMatMul';
import { startBackend } from './nodeBackend';
import {
  type TimingOptions,
  budgetOf,
  defaultTimingOptions,
  readTimingFlag,
  reportMethods,
  runBenchmark,
  timingHeader,
} from './benchArgs';
import { compareOnGlyphLearnerStep } from './glyphLearnerStep';

const METHODS: readonly BatchMatMulMethod[] = ['tfjs', 'simd'];
const PARTS = ['a', 'b', 'c'] as const;

interface Options extends TimingOptions {
  parts: string[];
}

function readOptions(argv: readonly string[]): Options {
  const options: Options = { ...defaultTimingOptions(), parts: [...PARTS] };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag !== '--backend' && readTimingFlag(options, flag!, value)) continue;
    if (
      flag === '--parts' &&
      value.split(',').every((p) => (PARTS as readonly string[]).includes(p))
    )
      options.parts = value.split(',');
    else throw new Error(`Unknown or bad argument ${flag} ${value}`);
  }
  return options;
}

/** Runs `work` with the kernel forced, and the SIMD kernel restored after. */
function withMethod(method: BatchMatMulMethod, work: () => Promise<void>) {
  return async (): Promise<void> => {
    setBatchMatMulMethod(method);
    try {
      await work();
    } finally {
      setBatchMatMulMethod('simd');
    }
  };
}

/** (a): one product of random a [batch, m, k] and b [batch, k, n], read back. */
function productRound([batch, m, k, n]: readonly number[]) {
  const rng = createRng(1, 'bench-batch-matmul');
  const random = (shape: number[]) =>
    tf.tensor3d(
      Float32Array.from({ length: shape.reduce((x, y) => x * y, 1) }, () => rng.uniform(-1, 1)),
      shape as [number, number, number],
    );
  const a = random([batch!, m!, k!]);
  const b = random([batch!, k!, n!]);
  return {
    // Read back synchronously: an awaited read costs about 0.1 ms itself, more than the product.
    run: (): Promise<void> => {
      const c = tf.matMul(a, b);
      c.dataSync();
      c.dispose();
      return Promise.resolve();
    },
    dispose: () => {
      tf.dispose([a, b]);
    },
  };
}

const PRODUCTS: readonly { readonly what: string; readonly shape: readonly number[] }[] = [
  { what: 'sinusoid: similarities by deltas', shape: [25, 10, 10, 40] },
  { what: 'sinusoid: rows by per-task weights', shape: [25, 10, 40, 40] },
  { what: 'sinusoid: rows by support rows', shape: [25, 10, 40, 10] },
  { what: 'conv net block 2: patches by per-task filters', shape: [4, 3920, 288, 32] },
  { what: "conv net block 2: the filters' gradient", shape: [4, 288, 3920, 32] },
];

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const backend = await startBackend('wasm');
  if (!useSimdBatchMatMulOnWasm()) throw new Error('The SIMD kernel could not start here.');
  const budget = budgetOf(options);
  process.stdout.write(timingHeader(backend, options));
  if (options.parts.includes('a')) {
    for (const { what, shape } of PRODUCTS) {
      const product = productRound(shape);
      try {
        const times = await timeInterleaved(
          METHODS.map((m) => withMethod(m, product.run)),
          budget,
        );
        const [batch, m, k, n] = shape;
        reportMethods(`(a) ${what}: ${batch} x [${m} x ${k}] by [${k} x ${n}]`, METHODS, times);
      } finally {
        product.dispose();
      }
    }
  }
  if (options.parts.includes('b')) {
    for (const innerSteps of [1, 5]) {
      const config = { ...DEFAULT_CONFIG, innerSteps };
      const runners = METHODS.map((m) => withMethod(m, metaIterationRunner(config, metaGradient)));
      const times = await timeInterleaved(runners, budget);
      reportMethods(
        `(b) sinusoid MAML meta-iteration, 1-40-40-1, meta-batch 25, ${innerSteps} inner step(s)`,
        METHODS,
        times,
      );
    }
  }
  if (options.parts.includes('c')) {
    await compareOnGlyphLearnerStep('(c)', METHODS, withMethod, budget);
  }
}

runBenchmark(main);

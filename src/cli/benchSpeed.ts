/**
 * Speed of one meta-iteration in Node, for any settings: a whole training step (every model the
 * page trains) with each model's share, and for sinusoid MAML the vectorised engine against the
 * per-task loop on the same tasks. The pieces run in turn, round by round, after a warm-up.
 *
 *   npm run bench:speed -- [--backend wasm|cpu] [--set key=value ...] [--iterations N]
 *                          [--seconds S] [--warm-up W] [--batch-norm fused|ops]
 *                          [--batch-matmul simd|tfjs]
 *
 * Prints the median and interquartile range of milliseconds per meta-iteration after W (at least
 * 50) warm-up rounds, measuring at most N rounds or S seconds per piece; kernels per iteration
 * counted by tf.profile; the machine's load average at the start and at the end. `--batch-norm ops`
 * writes batch norm as tfjs ops instead of the fused kernels, and `--batch-matmul tfjs` runs WASM's
 * batched products on tfjs's kernel instead of the SIMD one, to time the difference.
 */
import os from 'node:os';
import { DEFAULT_CONFIG, applyOverrides } from '../core/config';
import { MIN_WARM_UP } from '../core/bench/interleaved';
import { measureMetaIterationSpeed } from '../core/bench/metaIterationSpeed';
import { describeConfig, speedTable, speedUps } from '../core/bench/speedTable';
import { NODE_BACKENDS, type NodeBackend } from './args';
import { startBackend } from './nodeBackend';
import { type BatchNormMethod, setBatchNormMethod } from '../core/tfjs/fusedBatchNorm';
import { loadAverage, positiveNumber } from './benchArgs';
import { type BatchMatMulMethod, setBatchMatMulMethod } from '../core/tfjs/simd/wasmBatchMatMul';

interface Options {
  backend: NodeBackend;
  sets: string[];
  iterations: number;
  seconds: number;
  warmUp: number;
  batchNorm: BatchNormMethod;
  batchMatMul: BatchMatMulMethod;
}

function readOptions(argv: readonly string[]): Options {
  const options: Options = {
    backend: 'wasm',
    sets: [],
    iterations: 200,
    seconds: 30,
    warmUp: MIN_WARM_UP,
    batchNorm: 'fused',
    batchMatMul: 'simd',
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--set') options.sets.push(value);
    else if (flag === '--iterations' && positiveNumber(value) !== null)
      options.iterations = Math.round(Number(value));
    else if (flag === '--seconds' && positiveNumber(value) !== null)
      options.seconds = Number(value);
    else if (flag === '--warm-up' && positiveNumber(value) !== null)
      options.warmUp = Math.max(MIN_WARM_UP, Math.round(Number(value)));
    else if (flag === '--backend' && (NODE_BACKENDS as readonly string[]).includes(value)) {
      options.backend = value as NodeBackend;
    } else if (flag === '--batch-norm' && (value === 'fused' || value === 'ops')) {
      options.batchNorm = value;
    } else if (flag === '--batch-matmul' && (value === 'simd' || value === 'tfjs')) {
      options.batchMatMul = value;
    } else throw new Error(`Unknown or bad argument ${flag} ${value}`);
  }
  return options;
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const { config, problems } = applyOverrides(DEFAULT_CONFIG, options.sets);
  if (problems.length > 0) {
    for (const p of problems) process.stderr.write(`Bad setting ${p.issue}.\n`);
    process.exit(2);
  }
  const backend = await startBackend(options.backend);
  setBatchNormMethod(options.batchNorm);
  setBatchMatMulMethod(options.batchMatMul);
  const loadAtStart = loadAverage();
  const rows = await measureMetaIterationSpeed(config, {
    iterations: options.iterations,
    secondsPerEngine: options.seconds,
    warmUp: options.warmUp,
    now: () => performance.now(),
  });
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `${describeConfig(config)}; backend ${backend}; batch norm ${options.batchNorm}; ` +
      `batched products ${backend === 'wasm' ? options.batchMatMul : 'tfjs'}; ` +
      `${os.cpus().length} x ${cpu}, Node ${process.version}`,
  );
  console.log(
    `Warm-up ${options.warmUp} rounds; load average (1, 5, 15 min) ${loadAtStart} at the start, ${loadAverage()} at the end.`,
  );
  console.log(speedTable([{ backend, rows, speedUps: speedUps(rows) }]));
}

await main();

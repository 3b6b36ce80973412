/**
 * Speed of one MAML meta-iteration in Node: the vectorised engine against the per-task loop, in the
 * same process on the same tasks, plus a full training-session step (MAML, the pretrained baseline
 * and the per-task losses the page charts).
 *
 *   npm run bench:speed -- [--backend wasm|cpu] [--set key=value ...] [--iterations N] [--seconds S]
 *
 * Prints the median milliseconds per meta-iteration after a warm-up (at most N iterations or S
 * seconds per engine), and kernels per iteration counted by tf.profile.
 */
import os from 'node:os';
import { DEFAULT_CONFIG, applyOverrides } from '../core/config';
import { measureMetaIterationSpeed } from '../core/bench/metaIterationSpeed';
import { describeConfig, speedTable, speedUps } from '../core/bench/speedTable';
import { NODE_BACKENDS, type NodeBackend } from './args';
import { startBackend } from './nodeBackend';

interface Options {
  backend: NodeBackend;
  sets: string[];
  iterations: number;
  seconds: number;
}

function positive(value: string): number | null {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : null;
}

function readOptions(argv: readonly string[]): Options {
  const options: Options = { backend: 'wasm', sets: [], iterations: 200, seconds: 30 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--set') options.sets.push(value);
    else if (flag === '--iterations' && positive(value) !== null)
      options.iterations = Math.round(Number(value));
    else if (flag === '--seconds' && positive(value) !== null) options.seconds = Number(value);
    else if (flag === '--backend' && (NODE_BACKENDS as readonly string[]).includes(value)) {
      options.backend = value as NodeBackend;
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
  const rows = await measureMetaIterationSpeed(config, {
    iterations: options.iterations,
    secondsPerEngine: options.seconds,
    now: () => performance.now(),
  });
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `${describeConfig(config)}; backend ${backend}; ${os.cpus().length} x ${cpu}, Node ${process.version}`,
  );
  console.log(speedTable([{ backend, rows, speedUps: speedUps(rows) }]));
}

await main();

/**
 * How the cost of a sinusoid MAML meta-iteration grows with the number of inner steps: the engine
 * the Trainer runs (src/core/learners/maml/lowRankMaml.ts, each step folded into per-task weights)
 * against the one before it (revisitingLowRankMaml.ts, every earlier step revisited at each step),
 * for 1 to --max-steps inner steps, all in one Node process, timed in turn round after round.
 *
 *   npm run bench:inner-steps -- [--backend wasm|cpu] [--set key=value ...] [--max-steps N]
 *                                [--iterations N] [--seconds S] [--warm-up W]
 *
 * Prints, per engine and inner-step count, the median and interquartile range of milliseconds per
 * meta-iteration after W (at least 50) warm-up rounds, its ratio to the same engine's 1-step
 * median, new / old, and kernels per meta-iteration (tf.profile); then the machine's load average
 * at the start and at the end. A meta-iteration is what the Trainer does: sample a meta-batch,
 * the meta-gradient, one download, Adam in JavaScript.
 */
import os from 'node:os';
import { DEFAULT_CONFIG, applyOverrides } from '../core/config';
import { tf } from '../core/tfjs/tf';
import { MIN_WARM_UP, timeInterleaved } from '../core/bench/interleaved';
import { spreadOf, type Spread } from '../core/bench/spread';
import { describeConfig } from '../core/bench/speedTable';
import { metaIterationRunner } from '../core/bench/metaIterationSpeed';
import { metaGradient } from '../core/learners/maml/lowRankMaml';
import { revisitingMetaGradient } from '../core/learners/maml/revisitingLowRankMaml';
import { NODE_BACKENDS, type NodeBackend } from './args';
import { startBackend } from './nodeBackend';
import { loadAverage, positiveNumber } from './benchArgs';

type Engine = typeof metaGradient;

const ENGINES: readonly { name: string; engine: Engine }[] = [
  { name: 'before (revisiting)', engine: revisitingMetaGradient },
  { name: 'now (folded)', engine: metaGradient },
];

interface Options {
  backend: NodeBackend;
  sets: string[];
  maxSteps: number;
  iterations: number;
  seconds: number;
  warmUp: number;
}

function readOptions(argv: readonly string[]): Options {
  const options: Options = {
    backend: 'wasm',
    sets: [],
    maxSteps: 5,
    iterations: 100,
    seconds: 60,
    warmUp: MIN_WARM_UP,
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    const n = positiveNumber(value);
    if (flag === '--set') options.sets.push(value);
    else if (flag === '--max-steps' && n !== null) options.maxSteps = Math.round(n);
    else if (flag === '--iterations' && n !== null) options.iterations = Math.round(n);
    else if (flag === '--seconds' && n !== null) options.seconds = n;
    else if (flag === '--warm-up' && n !== null)
      options.warmUp = Math.max(MIN_WARM_UP, Math.round(n));
    else if (flag === '--backend' && (NODE_BACKENDS as readonly string[]).includes(value)) {
      options.backend = value as NodeBackend;
    } else throw new Error(`Unknown or bad argument ${flag} ${value}`);
  }
  return options;
}

interface Row {
  readonly engine: string;
  readonly steps: number;
  readonly spread: Spread;
  readonly kernels: number;
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const { config, problems } = applyOverrides(DEFAULT_CONFIG, options.sets);
  if (problems.length > 0) {
    for (const p of problems) process.stderr.write(`Bad setting ${p.issue}.\n`);
    process.exit(2);
  }
  const backend = await startBackend(options.backend);
  const loadAtStart = loadAverage();
  const pieces: { engine: string; steps: number; run: () => Promise<void> }[] = [];
  for (let steps = 1; steps <= options.maxSteps; steps++) {
    for (const { name, engine } of ENGINES) {
      pieces.push({
        engine: name,
        steps,
        run: metaIterationRunner({ ...config, innerSteps: steps }, engine),
      });
    }
  }
  const times = await timeInterleaved(
    pieces.map((piece) => piece.run),
    {
      iterations: options.iterations,
      seconds: options.seconds,
      warmUp: options.warmUp,
      now: () => performance.now(),
    },
  );
  const rows: Row[] = [];
  for (const [i, piece] of pieces.entries()) {
    const profile = await tf.profile(() => piece.run());
    rows.push({
      engine: piece.engine,
      steps: piece.steps,
      spread: spreadOf(times[i]!),
      kernels: profile.kernels.length,
    });
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const described = describeConfig({ ...config, innerSteps: 1 }).replace(
    '1 inner step(s)',
    `1 to ${options.maxSteps} inner steps`,
  );
  console.log(
    `${described}; backend ${backend}; ${os.cpus().length} x ${cpu}, Node ${process.version}`,
  );
  console.log(
    `Warm-up ${options.warmUp} rounds, ${rows[0]?.spread.count ?? 0} measured; load average (1, 5, 15 min) ${loadAtStart} at the start, ${loadAverage()} at the end.`,
  );
  const lines = [
    '| engine | inner steps | median ms | IQR | vs 1 step | now / before | kernels |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    const oneStep = rows.find((r) => r.engine === row.engine && r.steps === 1)!;
    const before = rows.find((r) => r.engine === ENGINES[0]!.name && r.steps === row.steps)!;
    const versus = row === before ? '' : (row.spread.median / before.spread.median).toFixed(2);
    lines.push(
      `| ${row.engine} | ${row.steps} | ${row.spread.median.toFixed(2)} | ` +
        `${row.spread.q1.toFixed(2)}-${row.spread.q3.toFixed(2)} | ` +
        `${(row.spread.median / oneStep.spread.median).toFixed(2)} | ${versus} | ${row.kernels} |`,
    );
  }
  console.log(lines.join('\n'));
}

await main();

/**
 * Speed of one MAML meta-iteration in Node: the vectorised engine against the per-task loop, in the
 * same process on the same tasks, plus a full training-session step (MAML, the pretrained baseline
 * and the per-task losses the page charts).
 *
 *   npm run bench:speed -- [--backend wasm|cpu] [--set key=value ...] [--iterations N]
 *
 * Prints the median milliseconds per meta-iteration after a warm-up, and kernels per iteration
 * counted by tf.profile.
 */
import os from 'node:os';
import { DEFAULT_CONFIG, applyOverrides, type ExperimentConfig } from '../core/config';
import { tf } from '../core/tfjs/tf';
import { createRng } from '../core/random/rng';
import { sampleSinusoidBatch } from '../core/tasks/sinusoid';
import { toTaskTensors } from '../core/tasks/taskTensors';
import { initialValues, paramShapes, toTensors } from '../core/model/mlp';
import { metaGradient, type MetaGradient } from '../core/maml/lowRankMaml';
import { taskLoopMetaGradient } from '../core/maml/taskLoopMaml';
import { Adam } from '../core/optim/adam';
import { TrainingSession, modelSpec } from '../core/session';
import { NODE_BACKENDS, type NodeBackend } from './args';
import { startBackend } from './nodeBackend';

type Engine = typeof metaGradient;

interface Options {
  backend: NodeBackend;
  sets: string[];
  iterations: number;
}

function readOptions(argv: readonly string[]): Options {
  const options: Options = { backend: 'wasm', sets: [], iterations: 200 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--set') options.sets.push(value);
    else if (flag === '--iterations' && Number.isInteger(Number(value)) && Number(value) > 0) {
      options.iterations = Number(value);
    } else if (flag === '--backend' && (NODE_BACKENDS as readonly string[]).includes(value)) {
      options.backend = value as NodeBackend;
    } else throw new Error(`Unknown or bad argument ${flag} ${value}`);
  }
  return options;
}

/** One meta-iteration with `engine`: sample tasks, meta-gradient, one download, Adam in JS. */
function metaIterationRunner(config: ExperimentConfig, engine: Engine): () => void {
  const spec = modelSpec(config);
  const rng = createRng(config.seed, 'tasks');
  const values = initialValues(spec, createRng(config.seed, 'init'));
  const adam = new Adam(values, { learningRate: config.metaLr });
  const sizes = paramShapes(spec).map((shape) => shape.reduce((a, b) => a * b, 1));
  return () => {
    const batch = sampleSinusoidBatch(rng, config.metaBatch, config.shots, config.query);
    const flat = tf.tidy(() => {
      const result: MetaGradient = engine(toTensors(spec, values), toTaskTensors(batch), config);
      return tf.concat([result.taskLoss, ...result.grads.map((g) => tf.reshape(g, [-1]))]);
    });
    const data = flat.dataSync();
    flat.dispose();
    let offset = config.metaBatch;
    adam.step(
      values,
      sizes.map((size) => data.subarray(offset, (offset += size))),
    );
  };
}

async function measure(
  run: () => unknown,
  iterations: number,
): Promise<{ ms: number; kernels: number }> {
  const warmUp = Math.max(10, Math.round(iterations / 10));
  for (let i = 0; i < warmUp; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const profile = await tf.profile(async () => {
    await run();
  });
  return { ms: times[Math.floor(times.length / 2)]!, kernels: profile.kernels.length };
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const { config, problems } = applyOverrides(DEFAULT_CONFIG, options.sets);
  if (problems.length > 0) {
    for (const p of problems) process.stderr.write(`Bad setting ${p.issue}.\n`);
    process.exit(2);
  }
  const backend = await startBackend(options.backend);
  const session = new TrainingSession(config);
  const rows: [string, { ms: number; kernels: number }][] = [
    [
      'vectorised engine',
      await measure(metaIterationRunner(config, metaGradient), options.iterations),
    ],
    [
      'per-task loop',
      await measure(
        metaIterationRunner(config, taskLoopMetaGradient),
        Math.max(20, Math.round(options.iterations / 5)),
      ),
    ],
    ['session step (MAML + baselines)', await measure(() => session.step(), options.iterations)],
  ];
  const loop = rows[1]![1].ms;
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `backend ${backend}; ${config.hidden.length > 0 ? `1-${config.hidden.join('-')}-1` : 'linear'} ${config.activation}, ` +
      `meta-batch ${config.metaBatch}, ${config.shots}-shot, ${config.query} query, ` +
      `${config.innerSteps} inner step(s), ${config.firstOrder ? 'first' : 'second'} order; ` +
      `${os.cpus().length} x ${cpu}, Node ${process.version}`,
  );
  console.log(
    '| engine | median ms / meta-iteration | kernels / meta-iteration | vs per-task loop |',
  );
  console.log('| --- | ---: | ---: | ---: |');
  for (const [name, { ms, kernels }] of rows) {
    const speedUp = ms === loop ? '(reference)' : `${(loop / ms).toFixed(1)}x faster`;
    console.log(`| ${name} | ${ms.toFixed(2)} | ${kernels} | ${speedUp} |`);
  }
}

await main();

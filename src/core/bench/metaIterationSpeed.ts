/**
 * How fast one meta-iteration runs on the active backend: the vectorised engine against the plain
 * per-task loop, on the same task stream, plus a whole training step. Shared by the Node
 * benchmark and the browser one (in the worker), so both measure exactly the same work.
 */
import { tf } from '../tfjs/tf';
import type { ExperimentConfig } from '../config';
import { createRng } from '../random/rng';
import { sampleSinusoidBatch } from '../tasks/sinusoid';
import { toTaskTensors } from '../tasks/taskTensors';
import { initialValues, paramShapes, toTensors } from '../model/mlp';
import { metaGradient } from '../learners/maml/lowRankMaml';
import { taskLoopMetaGradient } from '../learners/maml/taskLoopMaml';
import { Adam } from '../optim/adam';
import { createTrainer } from '../trainer/createTrainer';
import { modelSpec } from '../trainer/regression/stream';

type Engine = typeof metaGradient;

export interface SpeedRow {
  readonly engine: 'vectorised engine' | 'per-task loop' | 'training step (MAML + baselines)';
  /** Median over the measured iterations, after a warm-up. */
  readonly msPerIteration: number;
  readonly iterationsMeasured: number;
  /** Kernels launched by one iteration, counted by tf.profile. */
  readonly kernelsPerIteration: number;
}

export interface SpeedBudget {
  /** Iterations measured at most, per engine. */
  readonly iterations: number;
  /** Stop measuring an engine after this long (at least three iterations are always measured). */
  readonly secondsPerEngine: number;
  /** A clock in milliseconds (performance.now where there is one). */
  readonly now: () => number;
}

/** One meta-iteration with `engine`: sample tasks, meta-gradient, one download, Adam in JS. */
function metaIterationRunner(config: ExperimentConfig, engine: Engine): () => Promise<void> {
  const spec = modelSpec(config);
  const rng = createRng(config.seed, 'tasks');
  const values = initialValues(spec, createRng(config.seed, 'init'));
  const adam = new Adam(values, { learningRate: config.metaLr });
  const sizes = paramShapes(spec).map((shape) => shape.reduce((a, b) => a * b, 1));
  return async () => {
    const batch = sampleSinusoidBatch(rng, config.metaBatch, config.shots, config.query);
    const flat = tf.tidy(() => {
      const result = engine(toTensors(spec, values), toTaskTensors(batch), config);
      return tf.concat([result.taskLoss, ...result.grads.map((g) => tf.reshape(g, [-1]))]);
    });
    const data = (await flat.data()) as Float32Array;
    flat.dispose();
    let offset = config.metaBatch;
    adam.step(
      values,
      sizes.map((size) => data.subarray(offset, (offset += size))),
    );
  };
}

async function measure(
  engine: SpeedRow['engine'],
  run: () => Promise<unknown>,
  budget: SpeedBudget,
): Promise<SpeedRow> {
  const warmUp = Math.max(2, Math.round(budget.iterations / 10));
  for (let i = 0; i < warmUp; i++) await run();
  const times: number[] = [];
  const deadline = budget.now() + budget.secondsPerEngine * 1000;
  while (times.length < budget.iterations && (times.length < 3 || budget.now() < deadline)) {
    const started = budget.now();
    await run();
    times.push(budget.now() - started);
  }
  times.sort((a, b) => a - b);
  const profile = await tf.profile(async () => {
    await run();
  });
  return {
    engine,
    msPerIteration: times[Math.floor(times.length / 2)]!,
    iterationsMeasured: times.length,
    kernelsPerIteration: profile.kernels.length,
  };
}

/** Measures the three engines one after another on the active backend. */
export async function measureMetaIterationSpeed(
  config: ExperimentConfig,
  budget: SpeedBudget,
): Promise<SpeedRow[]> {
  const trainer = createTrainer(config, null);
  return [
    await measure('vectorised engine', metaIterationRunner(config, metaGradient), budget),
    await measure('per-task loop', metaIterationRunner(config, taskLoopMetaGradient), budget),
    await measure('training step (MAML + baselines)', () => trainer.step(), budget),
  ];
}

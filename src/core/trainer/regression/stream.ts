/** The task stream of a regression run: meta-batches from its family, and its held-out tasks. */
import type { ExperimentConfig } from '../../config';
import { createRng } from '../../random/rng';
import { firstTasks, type RegressionBatch } from '../../tasks/regressionBatch';
import { toTaskTensors, type TaskTensors } from '../../tasks/taskTensors';
import { regressionFamily } from '../../families/registry';
import { initialValues, type MlpSpec } from '../../model/mlp';
import type { TaskStream } from '../model';

export type RegressionStream = TaskStream<RegressionBatch, TaskTensors, RegressionBatch>;

/** The network every regression model of a run is built on. */
export function modelSpec(config: ExperimentConfig): MlpSpec {
  return {
    inputSize: regressionFamily(config).inputs,
    hidden: config.hidden,
    outputSize: 1,
    activation: config.activation,
  };
}

/**
 * The initial network of the learners and the pretrained baseline (the seed's 'init' stream), so
 * they start alike and only their objectives differ.
 */
export function initialNetwork(config: ExperimentConfig): Float32Array[] {
  return initialValues(modelSpec(config), createRng(config.seed, 'init'));
}

export function regressionStream(config: ExperimentConfig): RegressionStream {
  const family = regressionFamily(config);
  let evaluationTasks: RegressionBatch | null = null;
  return {
    lossKind: 'mse',
    draw: (rng) => family.sampleBatch(rng, config.metaBatch, config.shots, config.query),
    tensors: toTaskTensors,
    points: {
      count: (batch) => batch.tasks,
      task: (batch, t) => {
        const rows = (values: Float32Array, perTask: number): Float32Array =>
          values.slice(t * perTask, (t + 1) * perTask);
        const width = batch.inputs;
        return {
          supportX: rows(batch.supportX, batch.support * width),
          supportY: rows(batch.supportY, batch.support),
          queryX: rows(batch.queryX, batch.query * width),
          queryY: rows(batch.queryY, batch.query),
          details: batch.describe(t),
        };
      },
    },
    // One chunk: the held-out batch is small, and the evaluation adapts it in chunks of its own.
    *heldOut(count) {
      evaluationTasks ??= family.sampleBatch(
        createRng(config.seed, 'evaluation'),
        config.evalTasks,
        config.shots,
        config.evalQuery,
      );
      yield firstTasks(evaluationTasks, Math.min(count, config.evalTasks));
    },
  };
}

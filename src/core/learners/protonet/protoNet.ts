/**
 * Prototypical networks (Snell, Swersky and Zemel 2017, "Prototypical Networks for Few-shot
 * Learning"). An encoder (the classification network with outputs = 0) embeds images; each class's
 * prototype is the mean embedding of its support images; a query's logits are minus its squared
 * Euclidean distances to the prototypes; the loss is the cross-entropy of the queries. No inner
 * loop: adapting to a task is computing its prototypes, and the gradient is first order.
 *
 * A task's support and query images go through the encoder in one call, so batch normalisation
 * uses the statistics of the whole episode, as the paper's reference code did.
 */
import { tf } from '../../tfjs/tf';
import { product } from '../../tfjs/product';
import { type ConvMethod, defaultConvMethod } from '../../tfjs/stride2Conv';
import { taskOutputs } from '../../model/classifier';
import { predictedLabels, taskAccuracy, taskCrossEntropy } from '../../classification/crossEntropy';
import { type ClassificationTensors, sliceTasks } from '../../classification/classificationTensors';
import { defaultTasksPerPass, inPasses } from '../../classification/passes';
import type { ClassifierSpec } from '../../classification/types';

export interface ProtoNetOptions {
  readonly conv?: ConvMethod;
  /** Most tasks processed at once, to bound memory (see learners/maml/classification.ts); same default. */
  readonly tasksPerPass?: number;
}

export interface ProtoNetGradient {
  /** Gradient of the mean over tasks of the query loss, per parameter, in order. */
  readonly grads: tf.Tensor[];
  /** Each task's query loss and accuracy: [tasks]. */
  readonly taskLoss: tf.Tensor1D;
  readonly taskAccuracy: tf.Tensor1D;
}

export interface ProtoNetScores {
  /** Per task: query loss and accuracy. */
  readonly loss: Float32Array;
  readonly accuracy: Float32Array;
  /** Predicted class of query q of task t at t * querySize + q. */
  readonly predictions: Int32Array;
}

/** Every task's query logits [tasks, querySize, ways]: minus squared distances to prototypes. */
export function protoNetLogits(
  spec: ClassifierSpec,
  theta: readonly tf.Tensor[],
  tensors: ClassificationTensors,
  conv: ConvMethod = defaultConvMethod(),
): tf.Tensor3D {
  const { tasks, supportSize, querySize } = tensors;
  const [, size] = tensors.supportImages.shape;
  const episode: tf.Tensor4D = tf.reshape(
    tf.concat(
      [
        tf.reshape(tensors.supportImages, [tasks, supportSize, size * size]),
        tf.reshape(tensors.queryImages, [tasks, querySize, size * size]),
      ],
      1,
    ),
    [tasks * (supportSize + querySize), size, size, 1],
  );
  const embedded = taskOutputs(spec, theta, episode, { tasks, perTask: false, conv });
  const dims = embedded.shape[2];
  const support = tf.slice(embedded, [0, 0, 0], [tasks, supportSize, dims]);
  const query = tf.slice(embedded, [0, supportSize, 0], [tasks, querySize, dims]);
  // Class means: one-hot^T times embeddings, over the class's support count.
  const counts = tf.sum(tensors.supportOneHot, 1);
  const prototypes = tf.div(
    product(tf.transpose(tensors.supportOneHot, [0, 2, 1]), support),
    tf.expandDims(counts, 2),
  );
  // sub then square: tfjs's squaredDifference gradient does not undo broadcasting.
  const distances = tf.sum(
    tf.square(tf.sub(tf.expandDims(query, 2), tf.expandDims(prototypes, 1))),
    -1,
  );
  return tf.neg(distances) as tf.Tensor3D;
}

/** The loss's gradient and each task's query loss and accuracy; the caller disposes them. */
export function protoNetGradient(
  spec: ClassifierSpec,
  theta: readonly tf.Tensor[],
  tensors: ClassificationTensors,
  options: ProtoNetOptions = {},
): ProtoNetGradient {
  const { grads, perTask } = inPasses(
    tensors,
    options.tasksPerPass ?? defaultTasksPerPass(),
    (part) => {
      const r = onePass(spec, theta, part, options.conv ?? defaultConvMethod());
      return { grads: r.grads, perTask: [r.taskLoss, r.taskAccuracy] };
    },
  );
  return { grads, taskLoss: perTask[0]!, taskAccuracy: perTask[1]! };
}

function onePass(
  spec: ClassifierSpec,
  theta: readonly tf.Tensor[],
  tensors: ClassificationTensors,
  conv: ConvMethod,
): ProtoNetGradient {
  let kept: tf.Tensor1D | null = null;
  const objective = (...params: tf.Tensor[]): tf.Tensor1D => {
    const logits = protoNetLogits(spec, params, tensors, conv);
    kept = tf.keep(taskAccuracy(logits, tensors.queryLabels));
    return taskCrossEntropy(logits, tensors.queryOneHot);
  };
  try {
    const seed = tf.fill<tf.Rank.R1>([tensors.tasks], 1 / tensors.tasks);
    const { value, grads } = tf.valueAndGrads(objective)([...theta], seed);
    seed.dispose();
    return { grads, taskLoss: value, taskAccuracy: tf.clone(kept!) };
  } finally {
    (kept as tf.Tensor1D | null)?.dispose();
  }
}

/** Query loss, accuracy and predictions of every task, read back asynchronously. */
export async function protoNetScores(
  spec: ClassifierSpec,
  theta: readonly tf.Tensor[],
  tensors: ClassificationTensors,
  options: ProtoNetOptions = {},
): Promise<ProtoNetScores> {
  const { tasks } = tensors;
  const conv = options.conv ?? defaultConvMethod();
  const perPass = Math.max(1, Math.floor(options.tasksPerPass ?? defaultTasksPerPass()));
  // Each pass in its own scope, so only its small results outlive it.
  const passes: tf.Tensor[][] = [];
  let flat: tf.Tensor;
  try {
    for (let start = 0; start < tasks; start += perPass) {
      const count = Math.min(perPass, tasks - start);
      passes.push(
        tf.tidy(() => {
          const part = count === tasks ? tensors : sliceTasks(tensors, start, count);
          const logits = protoNetLogits(spec, theta, part, conv);
          return [
            taskCrossEntropy(logits, part.queryOneHot),
            taskAccuracy(logits, part.queryLabels),
            // Class ids are small integers, exact in float32: one read serves everything.
            tf.reshape(tf.cast(predictedLabels(logits), 'float32'), [-1]),
          ];
        }),
      );
    }
    flat = tf.concat([0, 1, 2].flatMap((kind) => passes.map((pass) => pass[kind]!)));
  } finally {
    for (const pass of passes) tf.dispose(pass);
  }
  try {
    const data = (await flat.data()) as Float32Array;
    return {
      loss: data.slice(0, tasks),
      accuracy: data.slice(tasks, 2 * tasks),
      predictions: Int32Array.from(data.subarray(2 * tasks)),
    };
  } finally {
    flat.dispose();
  }
}

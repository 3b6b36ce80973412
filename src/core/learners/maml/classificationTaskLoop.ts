/**
 * MAML for classification the straightforward way (Finn et al. 2017, Algorithm 2): one task at a
 * time, each inner gradient a tf.grads nested inside the outer tf.valueAndGrads, the network
 * evaluated with plain (not per-task) parameters. It shares no adaptation code with the vectorised
 * engine (maml.ts), so the tests use it as an independent check of it, and the speed benchmark
 * measures what vectorising gains.
 */
import { tf } from '../../tfjs/tf';
import { defaultConvMethod } from '../../tfjs/stride2Conv';
import { classifierLogits } from '../../model/classifier';
import { crossEntropy } from '../../classification/crossEntropy';
import type { ClassificationTensors } from '../../classification/classificationTensors';
import type { ClassificationMamlOptions } from './classification';
import type { ClassifierSpec } from '../../classification/types';

/** Task t's rows of a task-major tensor with `rows` rows per task. */
function taskRows<T extends tf.Tensor>(x: T, t: number, rows: number): T {
  const begin = x.shape.map((_, axis) => (axis === 0 ? t * rows : 0));
  const size = x.shape.map((s, axis) => (axis === 0 ? rows : s));
  return tf.slice(x, begin, size);
}

/** Each task's query loss after adaptation, [tasks], and the meta-objective's gradient. */
export function taskLoopMetaGradient(
  spec: ClassifierSpec,
  theta: readonly tf.Tensor[],
  tensors: ClassificationTensors,
  options: ClassificationMamlOptions,
): { taskLossAfter: tf.Tensor1D; grads: tf.Tensor[] } {
  const conv = options.conv ?? defaultConvMethod();
  const { tasks, supportSize, querySize, ways } = tensors;
  const support = (t: number) => ({
    images: taskRows(tensors.supportImages, t, supportSize),
    labels: tf.reshape(taskRows(tensors.supportOneHot, t, 1), [supportSize, ways]),
  });
  const adapt = (params: readonly tf.Tensor[], t: number): tf.Tensor[] => {
    const { images, labels } = support(t);
    let phi = [...params];
    for (let s = 0; s < options.innerSteps; s++) {
      const loss = (...p: tf.Tensor[]): tf.Scalar =>
        crossEntropy(classifierLogits(spec, p, images, conv), labels);
      const grads = tf.grads(loss)(phi);
      phi = phi.map((p, i) => tf.sub(p, tf.mul(grads[i]!, options.innerLr)));
    }
    return phi;
  };
  // First-order: each task's offset from theta is computed outside the differentiated function.
  const offsets = options.firstOrder
    ? Array.from({ length: tasks }, (_, t) => adapt(theta, t).map((a, i) => tf.sub(a, theta[i]!)))
    : null;
  const objective = (...params: tf.Tensor[]): tf.Tensor1D => {
    const losses: tf.Scalar[] = [];
    for (let t = 0; t < tasks; t++) {
      const adapted = offsets ? params.map((p, i) => tf.add(p, offsets[t]![i]!)) : adapt(params, t);
      const images = taskRows(tensors.queryImages, t, querySize);
      const labels = tf.reshape(taskRows(tensors.queryOneHot, t, 1), [querySize, ways]);
      losses.push(crossEntropy(classifierLogits(spec, adapted, images, conv), labels));
    }
    return tf.stack(losses) as tf.Tensor1D;
  };
  const seed = tf.fill<tf.Rank.R1>([tasks], 1 / tasks);
  const { value, grads } = tf.valueAndGrads(objective)([...theta], seed);
  return { taskLossAfter: value, grads };
}

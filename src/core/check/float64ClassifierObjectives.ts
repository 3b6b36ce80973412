/**
 * Few-shot classification objectives in float64 on the hand-written network of
 * float64Classifier.ts: cross-entropy and its gradient, MAML's inner SGD steps and meta-objective
 * (Finn et al. 2017), first-order MAML's gradient, and the prototypical networks' loss (Snell et
 * al. 2017). Finite differences of these are the reference the tfjs engines are tested against.
 */
import type { ClassificationBatch, ClassifierSpec } from '../classification/types';
import { classifierBackward64, classifierOutputs64 } from './float64Classifier';

/** One N-way task: images [n, size, size] row-major, labels are class ids. */
export interface ClassTask64 {
  readonly ways: number;
  readonly supportImages: Float64Array;
  readonly supportLabels: readonly number[];
  readonly queryImages: Float64Array;
  readonly queryLabels: readonly number[];
}

/** Mean over rows of log sum_j exp(z_j) - z_label, and its gradient to the logits. */
export function crossEntropy64(
  logits: Float64Array,
  labels: readonly number[],
): { loss: number; dLogits: Float64Array } {
  const n = labels.length;
  const classes = logits.length / n;
  const dLogits = new Float64Array(logits.length);
  let loss = 0;
  for (let m = 0; m < n; m++) {
    const row = logits.subarray(m * classes, (m + 1) * classes);
    const max = Math.max(...row);
    let sum = 0;
    for (const z of row) sum += Math.exp(z - max);
    loss += (max + Math.log(sum) - row[labels[m]!]!) / n;
    for (let k = 0; k < classes; k++) {
      const softmax = Math.exp(row[k]! - max) / sum;
      dLogits[m * classes + k] = (softmax - (k === labels[m] ? 1 : 0)) / n;
    }
  }
  return { loss, dLogits };
}

export function loss64(
  spec: ClassifierSpec,
  p: Float64Array,
  images: Float64Array,
  labels: readonly number[],
): number {
  return crossEntropy64(classifierOutputs64(spec, p, images, labels.length), labels).loss;
}

/** Gradient of the mean cross-entropy of these images with respect to the parameters. */
export function lossGradient64(
  spec: ClassifierSpec,
  p: Float64Array,
  images: Float64Array,
  labels: readonly number[],
): Float64Array {
  const n = labels.length;
  const { dLogits } = crossEntropy64(classifierOutputs64(spec, p, images, n), labels);
  return classifierBackward64(spec, p, images, n, dLogits);
}

/**
 * `steps` gradient steps on the task's support set, each entry moved by `update(entry, its
 * gradient, its index)`. MAML, Meta-SGD and ANIL differ only in that rule, so their float64 inner
 * loops share this one.
 */
export function supportSteps64(
  spec: ClassifierSpec,
  p: Float64Array,
  task: ClassTask64,
  steps: number,
  update: (v: number, g: number, i: number) => number,
): Float64Array {
  let current = p;
  for (let s = 0; s < steps; s++) {
    const grad = lossGradient64(spec, current, task.supportImages, task.supportLabels);
    current = current.map((v, i) => update(v, grad[i]!, i));
  }
  return current;
}

/** `steps` inner SGD steps of rate innerLr on the task's support set. */
export function adapt64(
  spec: ClassifierSpec,
  p: Float64Array,
  task: ClassTask64,
  innerLr: number,
  steps: number,
): Float64Array {
  return supportSteps64(spec, p, task, steps, (v, g) => v - innerLr * g);
}

/** Mean over tasks of the query loss after `adaptTask`: the meta-objective of every learner here. */
export function queryLossAfter64(
  spec: ClassifierSpec,
  tasks: readonly ClassTask64[],
  adaptTask: (task: ClassTask64) => Float64Array,
): number {
  let sum = 0;
  for (const task of tasks) {
    sum += loss64(spec, adaptTask(task), task.queryImages, task.queryLabels);
  }
  return sum / tasks.length;
}

/** MAML's meta-objective: the mean over tasks of the query loss after adaptation. */
export function mamlObjective64(
  spec: ClassifierSpec,
  p: Float64Array,
  tasks: readonly ClassTask64[],
  innerLr: number,
  steps: number,
): number {
  return queryLossAfter64(spec, tasks, (task) => adapt64(spec, p, task, innerLr, steps));
}

/** First-order MAML's gradient: the mean of the query-loss gradients at the adapted parameters. */
export function firstOrderMamlGradient64(
  spec: ClassifierSpec,
  p: Float64Array,
  tasks: readonly ClassTask64[],
  innerLr: number,
  steps: number,
): Float64Array {
  const grad = new Float64Array(p.length);
  for (const task of tasks) {
    const adapted = adapt64(spec, p, task, innerLr, steps);
    const g = lossGradient64(spec, adapted, task.queryImages, task.queryLabels);
    g.forEach((v, i) => (grad[i]! += v / tasks.length));
  }
  return grad;
}

/**
 * Prototypical networks' loss, mean over tasks: support and query images embedded in one call,
 * prototypes = class means of the support embeddings, logits = minus squared distances.
 */
export function protoNetObjective64(
  spec: ClassifierSpec,
  p: Float64Array,
  tasks: readonly ClassTask64[],
): number {
  let sum = 0;
  for (const task of tasks) {
    const support = task.supportLabels.length;
    const query = task.queryLabels.length;
    const images = new Float64Array(task.supportImages.length + task.queryImages.length);
    images.set(task.supportImages);
    images.set(task.queryImages, task.supportImages.length);
    const embedded = classifierOutputs64(spec, p, images, support + query);
    const dims = embedded.length / (support + query);
    const prototypes = new Float64Array(task.ways * dims);
    const counts = new Float64Array(task.ways);
    task.supportLabels.forEach((label, m) => {
      counts[label]! += 1;
      for (let d = 0; d < dims; d++) prototypes[label * dims + d]! += embedded[m * dims + d]!;
    });
    prototypes.forEach((v, k) => (prototypes[k] = v / counts[Math.floor(k / dims)]!));
    const logits = new Float64Array(query * task.ways);
    for (let q = 0; q < query; q++) {
      for (let c = 0; c < task.ways; c++) {
        let distance = 0;
        for (let d = 0; d < dims; d++) {
          distance += (embedded[(support + q) * dims + d]! - prototypes[c * dims + d]!) ** 2;
        }
        logits[q * task.ways + c] = -distance;
      }
    }
    sum += crossEntropy64(logits, task.queryLabels).loss;
  }
  return sum / tasks.length;
}

/** A classification batch as float64 tasks. */
export function classTasksFromBatch(batch: ClassificationBatch): ClassTask64[] {
  const pixels = batch.imageSize ** 2;
  const support = batch.ways * batch.shots;
  const query = batch.ways * batch.queries;
  return Array.from({ length: batch.tasks }, (_, t) => ({
    ways: batch.ways,
    supportImages: Float64Array.from(
      batch.supportImages.subarray(t * support * pixels, (t + 1) * support * pixels),
    ),
    supportLabels: Array.from(batch.supportLabels.subarray(t * support, (t + 1) * support)),
    queryImages: Float64Array.from(
      batch.queryImages.subarray(t * query * pixels, (t + 1) * query * pixels),
    ),
    queryLabels: Array.from(batch.queryLabels.subarray(t * query, (t + 1) * query)),
  }));
}

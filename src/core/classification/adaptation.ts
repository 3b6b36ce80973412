/**
 * How well given parameters adapt to new classification tasks: every task of a batch takes 0, 1,
 * ..., `steps` inner SGD steps on its support set, with the inner loop the learner was
 * meta-trained with (innerLoop.ts: rate innerLr or Meta-SGD's learned rates; every parameter, or
 * ANIL's head only), and after each the query set is scored. For the charts (loss and accuracy
 * against inner steps) and for showing one task's queries with the predictions before and after
 * adaptation.
 *
 * Runs step by step without keeping any gradient graph, reads back once with `await data()` (never
 * dataSync, which WebGPU cannot do without stalling), and frees every tensor it made.
 */
import { tf } from '../tfjs/tf';
import { type ConvMethod, defaultConvMethod } from '../tfjs/stride2Conv';
import { defaultTasksPerPass } from './passes';
import { type AdaptedParameters, type InnerRate, innerProblem, innerStep } from './innerLoop';
import { predictedLabels, taskAccuracy, taskCrossEntropy } from './crossEntropy';
import {
  type ClassificationTensors,
  disposeClassificationTensors,
  sliceTasks,
} from './classificationTensors';
import type { ClassifierSpec } from './types';

export interface AdaptationOptions {
  readonly innerLr: number;
  /**
   * Meta-SGD: one learned rate tensor per parameter of theta (same shapes), used instead of
   * innerLr. Left out: innerLr for every weight.
   */
  readonly rates?: readonly tf.Tensor[];
  /** Which parameters adapt; 'all' when left out ('head': ANIL). */
  readonly adapts?: AdaptedParameters;
  /** Inner steps to take; results are reported after 0..steps of them. */
  readonly steps: number;
  /** Whether to report every query's predicted class after every step. */
  readonly predictions: boolean;
  readonly conv?: ConvMethod;
  /** Tasks adapted at once (memory); defaultTasksPerPass() when left out. */
  readonly tasksPerPass?: number;
  /**
   * Awaited before each inner step after the first: other work (a command from the page) goes
   * first, since one task's steps over many query images take seconds. May throw to cancel.
   */
  readonly beforeStep?: () => Promise<void>;
}

export interface AdaptationCurves {
  readonly tasks: number;
  readonly steps: number;
  /** Query images per task. */
  readonly querySize: number;
  /** Query loss of task t after s inner steps, at index s * tasks + t, for s = 0..steps. */
  readonly queryLoss: Float32Array;
  /** Query accuracy, laid out like queryLoss. */
  readonly queryAccuracy: Float32Array;
  /**
   * Predicted class of query q of task t after s steps, at (s * tasks + t) * querySize + q; null
   * unless asked for.
   */
  readonly predictions: Int32Array | null;
}

/** One score per step: [tasks] losses and accuracies, [tasks * querySize] predicted classes. */
interface StepScores {
  readonly loss: tf.Tensor;
  readonly accuracy: tf.Tensor;
  readonly predicted: tf.Tensor;
}

/** Scores after 0..steps inner steps for the tasks of `tensors`, kept as tensors. */
async function scoreSteps(
  spec: ClassifierSpec,
  theta: readonly tf.Tensor[],
  tensors: ClassificationTensors,
  options: AdaptationOptions,
  conv: ConvMethod,
): Promise<StepScores[]> {
  const scores: StepScores[] = [];
  const problem = innerProblem(spec, theta, tensors, { adapts: options.adapts ?? 'all', conv });
  const rates: InnerRate[] = problem.adapted.map((i) => options.rates?.[i] ?? options.innerLr);
  let phi: tf.Tensor[] = problem.start;
  try {
    for (let s = 0; s <= options.steps; s++) {
      const current = phi;
      scores.push(
        tf.tidy(() => {
          const logits = problem.queryLogits(current);
          return {
            loss: taskCrossEntropy(logits, tensors.queryOneHot),
            accuracy: taskAccuracy(logits, tensors.queryLabels),
            // Class ids are small integers, exact in float32: one read serves everything.
            predicted: tf.reshape(tf.cast(predictedLabels(logits), 'float32'), [-1]),
          };
        }),
      );
      if (s < options.steps) {
        // No tidy spans the wait: the tensors kept across it are freed by hand, as before.
        if (s > 0) await options.beforeStep?.();
        phi = tf.tidy(() => innerStep(problem, current, rates));
        if (current !== problem.start) tf.dispose(current);
      }
    }
    return scores;
  } catch (error) {
    for (const step of scores) tf.dispose([step.loss, step.accuracy, step.predicted]);
    throw error;
  } finally {
    if (phi !== problem.start) tf.dispose(phi);
    problem.dispose();
  }
}

export async function evaluateClassificationAdaptation(
  spec: ClassifierSpec,
  theta: readonly tf.Tensor[],
  tensors: ClassificationTensors,
  options: AdaptationOptions,
): Promise<AdaptationCurves> {
  const conv = options.conv ?? defaultConvMethod();
  const { tasks, querySize } = tensors;
  const perPass = Math.max(1, Math.floor(options.tasksPerPass ?? defaultTasksPerPass()));
  // passes[p][s]: the scores of the p-th group of tasks after s steps.
  const passes: StepScores[][] = [];
  let flat: tf.Tensor | null = null;
  try {
    for (let start = 0; start < tasks; start += perPass) {
      const count = Math.min(perPass, tasks - start);
      const part = count === tasks ? tensors : sliceTasks(tensors, start, count);
      try {
        passes.push(await scoreSteps(spec, theta, part, options, conv));
      } finally {
        if (part !== tensors) disposeClassificationTensors(part);
      }
    }
    const steps = Array.from({ length: options.steps + 1 }, (_, s) => s);
    const joined = (pick: (scores: StepScores) => tf.Tensor): tf.Tensor[] =>
      steps.flatMap((s) => passes.map((pass) => pick(pass[s]!)));
    flat = tf.concat([
      ...joined((scores) => scores.loss),
      ...joined((scores) => scores.accuracy),
      ...(options.predictions ? joined((scores) => scores.predicted) : []),
    ]);
    const data = (await flat.data()) as Float32Array;
    const count = (options.steps + 1) * tasks;
    return {
      tasks,
      steps: options.steps,
      querySize,
      queryLoss: data.slice(0, count),
      queryAccuracy: data.slice(count, 2 * count),
      predictions: options.predictions ? Int32Array.from(data.subarray(2 * count)) : null,
    };
  } finally {
    for (const pass of passes) {
      for (const step of pass) tf.dispose([step.loss, step.accuracy, step.predicted]);
    }
    flat?.dispose();
  }
}

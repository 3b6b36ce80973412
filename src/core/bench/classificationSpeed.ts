/**
 * How fast one meta-iteration of few-shot classification runs on the active backend: the
 * meta-gradient (or ProtoNet gradient) of one meta-batch and one read-back of it, as training
 * would do. The batch is random images drawn once, since the cost does not depend on what the
 * images show. Pure core (no Node or DOM), so the command line and the browser can both call it.
 */
import { tf } from '../tfjs/tf';
import type { ConvMethod } from '../tfjs/stride2Conv';
import { createRng } from '../random/rng';
import { initialClassifierValues, toClassifierTensors } from '../model/classifierParams';
import {
  classificationTensors,
  disposeClassificationTensors,
} from '../classification/classificationTensors';
import { classificationMetaGradient } from '../learners/maml/classification';
import { taskLoopMetaGradient } from '../learners/maml/classificationTaskLoop';
import { protoNetGradient } from '../learners/protonet/protoNet';
import { randomClassificationBatch } from '../classification/randomBatch';
import type { ClassifierSpec } from '../classification/types';

/** 'maml-task-loop' is second-order MAML one task at a time (the reference engine). */
export type SpeedAlgorithm = 'maml' | 'first-order maml' | 'maml-task-loop' | 'protonet';

export interface ClassificationSpeedConfig {
  readonly algorithm: SpeedAlgorithm;
  /** The network; for ProtoNets give outputs = 0 (an encoder). */
  readonly spec: ClassifierSpec;
  readonly ways: number;
  readonly shots: number;
  /** Query images per class. */
  readonly queries: number;
  readonly metaBatch: number;
  readonly innerLr: number;
  readonly innerSteps: number;
  /** How convolutions run; the backend's default when left out. */
  readonly conv?: ConvMethod;
  /** Tasks per pass (see learners/maml/classification.ts); the backend's default when left out. */
  readonly tasksPerPass?: number;
  readonly seed: number;
}

export interface ClassificationSpeedBudget {
  /** Iterations measured at most, after `warmUp` unmeasured ones (default 1). */
  readonly iterations: number;
  readonly warmUp?: number;
  /** Stop after this long (at least three iterations are always measured). */
  readonly seconds: number;
  /** A clock in milliseconds (performance.now where there is one). */
  readonly now: () => number;
  /**
   * Optionally, the process's CPU time in milliseconds (in Node: process.cpuUsage()), which
   * other programs sharing the machine disturb less than the wall clock.
   */
  readonly cpuNow?: () => number;
  /** Whether to run one more iteration under tf.profile for peak memory and kernel count. */
  readonly profile?: boolean;
}

export interface ClassificationSpeedResult {
  readonly algorithm: SpeedAlgorithm;
  /** Median over the measured iterations, wall clock. */
  readonly msPerIteration: number;
  /** Median CPU time per iteration, when the budget has a CPU clock. */
  readonly cpuMsPerIteration: number | null;
  readonly iterationsMeasured: number;
  /** Most memory tfjs held at once during one iteration, in bytes (tf.profile), if profiled. */
  readonly peakBytes: number | null;
  /** Kernels launched by one iteration (tf.profile), if profiled. */
  readonly kernels: number | null;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

/** Measures one algorithm on one configuration; frees everything it made. */
export async function measureClassificationSpeed(
  config: ClassificationSpeedConfig,
  budget: ClassificationSpeedBudget,
): Promise<ClassificationSpeedResult> {
  const { spec } = config;
  const theta = toClassifierTensors(
    spec,
    initialClassifierValues(spec, createRng(config.seed, 'init')),
  );
  const tensors = classificationTensors(
    randomClassificationBatch(createRng(config.seed, 'speed-images'), {
      tasks: config.metaBatch,
      ways: config.ways,
      shots: config.shots,
      queries: config.queries,
      imageSize: spec.imageSize,
    }),
  );
  const maml = {
    innerLr: config.innerLr,
    innerSteps: config.innerSteps,
    firstOrder: config.algorithm === 'first-order maml',
    ...(config.conv ? { conv: config.conv } : {}),
    ...(config.tasksPerPass ? { tasksPerPass: config.tasksPerPass } : {}),
  };
  const gradients = (): tf.Tensor[] => {
    switch (config.algorithm) {
      case 'protonet':
        return protoNetGradient(spec, theta, tensors, maml).grads;
      case 'maml-task-loop':
        return taskLoopMetaGradient(spec, theta, tensors, maml).grads;
      default:
        return classificationMetaGradient(spec, theta, tensors, maml).grads;
    }
  };
  const iteration = async (): Promise<void> => {
    const flat = tf.tidy(() => tf.concat(gradients().map((g) => tf.reshape(g, [-1]))));
    try {
      await flat.data();
    } finally {
      flat.dispose();
    }
  };
  try {
    for (let i = 0; i < (budget.warmUp ?? 1); i++) await iteration();
    const times: number[] = [];
    const cpuTimes: number[] = [];
    const deadline = budget.now() + budget.seconds * 1000;
    while (times.length < budget.iterations && (times.length < 3 || budget.now() < deadline)) {
      const started = budget.now();
      const cpuStarted = budget.cpuNow?.() ?? 0;
      await iteration();
      times.push(budget.now() - started);
      if (budget.cpuNow) cpuTimes.push(budget.cpuNow() - cpuStarted);
    }
    const profile = budget.profile === false ? null : await tf.profile(iteration);
    return {
      algorithm: config.algorithm,
      msPerIteration: median(times),
      cpuMsPerIteration: cpuTimes.length > 0 ? median(cpuTimes) : null,
      iterationsMeasured: times.length,
      peakBytes: profile?.peakBytes ?? null,
      kernels: profile?.kernels.length ?? null,
    };
  } finally {
    tf.dispose(theta);
    disposeClassificationTensors(tensors);
  }
}

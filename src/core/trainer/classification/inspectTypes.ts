/** What the page shows of one held-out classification task, and of the 20 one-shot runs. */
import type { ClassificationBatch } from '../../classification/types';

/**
 * One held-out task (its images and labels laid out as in a batch) with the learner's predicted
 * label for every query.
 */
export interface TaskView extends Omit<ClassificationBatch, 'tasks'> {
  /** Predicted label of each query before adaptation. */
  readonly before: Int32Array;
  /** ... and after `steps` inner steps on the support images (ProtoNets: the same, steps = 0). */
  readonly after: Int32Array;
  readonly steps: number;
}

/** One of the 20 runs: how many of its 20 queries were labelled wrongly. */
export interface OneShotRunScore {
  readonly name: string;
  readonly errors: number;
  readonly items: number;
}

/** The error rate over the standard 20-way one-shot runs (Lake et al. 2015). */
export interface OneShotScore {
  readonly runs: readonly OneShotRunScore[];
  /** Mean of the runs' error rates, 0..1. */
  readonly errorRate: number;
  /** Half-width of the 95% interval of that mean over runs. */
  readonly ci95: number;
  /** Fine-tuning steps taken on each run's 20 support images (0 for ProtoNets). */
  readonly steps: number;
}

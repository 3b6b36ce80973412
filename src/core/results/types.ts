/**
 * What learners report, in plain numbers: adaptation curves and what a learner shows of its inside.
 * Below the sessions, so engines can return them without importing a session.
 */

/** Mean held-out loss after 0..k inner steps, with the half-width of its 95% interval. */
export interface AdaptationCurve {
  readonly mean: number[];
  readonly ci95: number[];
}

/**
 * Cosine similarity between the tasks' gradients: of the latest meta-batch's tasks (each task's
 * contribution to the meta-gradient) or, for multi-task learning, of each task's loss with
 * respect to the shared parameters.
 */
export interface TaskRelations {
  /** One sentence: whose gradients, with respect to which parameters. */
  readonly basis: string;
  /** One short label per task, e.g. 'task 3'. */
  readonly labels: readonly string[];
  /** cosine[i][j] in [-1, 1]; the diagonal is 1. */
  readonly cosine: readonly (readonly number[])[];
  /** Per task, what defines it (amplitude, phase, noise, classes), shown on hover. */
  readonly details: readonly (readonly TaskDetail[])[];
}

/** Meta-SGD: one layer's learned inner learning rates (one per weight; negative flips direction). */
export interface LayerRates {
  /** e.g. 'layer 1 weights', 'layer 1 bias', 'conv 2 filters'. */
  readonly name: string;
  readonly count: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  /** Mean of the absolute rates: the typical step size whatever its sign. */
  readonly meanAbs: number;
  /** Share of negative rates, 0..1. */
  readonly negative: number;
}

/** Multi-task learning with uncertainty weighting: one task's learned sigma. */
export interface TaskUncertainty {
  readonly label: string;
  /** Learned sigma (the loss is weighted by 1/(2 sigma^2)). */
  readonly sigma: number;
  /** The standard deviation of the noise the task's targets were given. */
  readonly noise: number;
  /** The weight 1/(2 sigma^2) its loss currently gets. */
  readonly weight: number;
}

/** One number or word that defines a task, e.g. { name: 'amplitude', value: '2.31' }. */
export interface TaskDetail {
  readonly name: string;
  readonly value: string;
}

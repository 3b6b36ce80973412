/** The function view's support points, and the worker's fits on them. */

export interface PreviewSupport {
  readonly x: Float32Array;
  readonly y: Float32Array;
}

export interface PreviewAnswer {
  /** The watch the worker made it for. */
  readonly requestId: number;
  /** The training iteration whose parameters made the predictions. */
  readonly iteration: number;
  /**
   * Predictions on the grid after 0..steps fine-tuning steps: the run's (first) learner, adapting
   * its own way, and the pretrained baseline.
   */
  readonly learner: readonly Float32Array[];
  readonly pretrained: readonly Float32Array[];
  /** The points the models were fine-tuned on. */
  readonly support: PreviewSupport;
}

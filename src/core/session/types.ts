/** What one meta-iteration reports. Arrays are per task of the meta-batch, in sampling order. */
export interface StepMetrics {
  /** 1-based index of the meta-iteration that produced these numbers. */
  readonly iteration: number;
  /** Mean over the meta-batch of each task's query loss after inner adaptation (the meta-objective). */
  readonly metaTrainLoss: number;
  /** Each task's query loss at the meta-learned initialisation, before any inner step. */
  readonly taskLossBefore: Float32Array;
  /** Each task's query loss after the training inner steps. */
  readonly taskLossAfter: Float32Array;
  /** Training loss of the jointly trained ("pretrained") baseline on this meta-batch. */
  readonly pretrainedLoss: number;
}

/** Mean held-out loss after 0..k inner steps, with the half-width of its 95% interval. */
export interface AdaptationCurve {
  readonly mean: number[];
  readonly ci95: number[];
}

export interface Evaluation {
  /** Inner steps taken: 0, 1, ..., testInnerSteps. */
  readonly steps: number[];
  readonly tasks: number;
  readonly maml: AdaptationCurve;
  readonly pretrained: AdaptationCurve;
  readonly scratch: AdaptationCurve;
}

/** Why a run stopped before its last iteration because a loss stopped being a finite number. */
export interface Divergence {
  readonly iteration: number;
  readonly message: string;
}

export type StepResult =
  | { readonly ok: true; readonly metrics: StepMetrics }
  | { readonly ok: false; readonly divergence: Divergence };

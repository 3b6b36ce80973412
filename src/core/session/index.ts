export { TrainingSession, modelSpec } from './session';
export type { AdaptationCurve, Divergence, Evaluation, StepMetrics, StepResult } from './types';

export { TrainingSession, modelSpec, type SessionSnapshot } from './session';
export type { AdaptationCurve, Divergence, Evaluation, StepMetrics, StepResult } from './types';

export { TrainingSession, modelSpec } from './session';
export type {
  AdaptationCurve,
  CurvesByModel,
  Divergence,
  Evaluation,
  Session,
  SessionSnapshot,
  StepMetrics,
  StepResult,
} from './types';

export { TrainingSession, modelSpec } from './session';
export type {
  AdaptationCurve,
  Divergence,
  Evaluation,
  SessionSnapshot,
  StepMetrics,
  StepResult,
} from './types';

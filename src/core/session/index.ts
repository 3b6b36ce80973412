export { TrainingSession, modelSpec } from './session';
export type {
  AdaptationCurve,
  CurvesByModel,
  Divergence,
  ComparedCurve,
  Evaluation,
  Insights,
  LayerRates,
  TaskRelations,
  TaskUncertainty,
  Session,
  SessionSnapshot,
  StepMetrics,
  StepResult,
} from './types';

export { Trainer } from './trainer';
export { createTrainer, restoreTrainer, classSources } from './createTrainer';
export type {
  AdaptationCurve,
  Divergence,
  Evaluation,
  FunctionPreview,
  Insights,
  LayerRates,
  ModelCurves,
  ModelSnapshot,
  StepMetrics,
  StepResult,
  TaskRelations,
  TaskUncertainty,
  TrainerSnapshot,
} from './types';

export { Trainer } from './trainer';
export { createTrainer, restoreTrainer, classSources } from './createTrainer';
export type {
  AdaptationCurve,
  Divergence,
  Evaluation,
  FunctionPreview,
  Insights,
  IterationPicture,
  ClassificationIterationPicture,
  RegressionIterationPicture,
  ImageTaskUpClose,
  ShownImages,
  InitialisationScores,
  LayerRates,
  ModelCurves,
  ModelSnapshot,
  StepMetrics,
  StepResult,
  TaskRelations,
  TaskUncertainty,
  TaskUpClose,
  TrainerSnapshot,
} from './types';

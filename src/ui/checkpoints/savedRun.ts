/** A run's state as the page keeps it: everything to continue exactly, and its curves so far. */
import type { TrainerSnapshot } from '../../core/trainer';
import type { TrainingCurves } from '../../core/trainer/trainingCurves';

export interface SavedRun {
  readonly snapshot: TrainerSnapshot;
  readonly curves: TrainingCurves;
  /** The first learner's network, row-major, when the worker sent it (a file does not keep it). */
  readonly parameters?: readonly Float32Array[];
}

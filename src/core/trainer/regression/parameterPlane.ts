/**
 * MAML's picture in parameter space, for a run whose network has exactly two parameters (a linear
 * model y = w x + b: one input, no hidden layer): where every model of the run stands on the
 * (w, b) plane, a fixed sample of held-out tasks (their optima and the quadratic their loss is),
 * and each task's point after one inner step from the lead learner's initialisation and from the
 * pretrained baseline's. The adapted points come from the models' own fitting code (the learner's
 * inner rule, plain SGD for the baseline): a fit's predictions at x = 0 and x = 1 are b and w + b.
 */
import type { ExperimentConfig } from '../../config';
import { hasParameterPlane } from '../../families/parameterPlane';
import { lineMoments, lineOptimum, type LineMoments } from '../../math/linePlane';
import type { RegressionBatch } from '../../tasks/regressionBatch';
import type { ModelRole } from '../types';
import type { Trainer } from '../trainer';
import { regressionStream } from './stream';

export { hasParameterPlane };

/** Held-out tasks the picture draws. */
export const PLANE_TASKS = 30;

/** A point of the plane. */
export interface PlanePoint {
  readonly w: number;
  readonly b: number;
}

export interface PlaneModel extends PlanePoint {
  readonly id: string;
  readonly role: ModelRole;
  /** Where it stood at iteration 0 (its path starts there). */
  readonly start: PlanePoint;
}

export interface PlaneTask {
  /** The least-squares line of all its points: (a, b) for a noise-free line. */
  readonly optimum: PlanePoint;
  /** Its query points' loss as a quadratic in (w, b). */
  readonly query: LineMoments;
  /** Its support points' (what the inner step sees). */
  readonly support: LineMoments;
  /** After one inner step on its support points: from the lead learner's initialisation... */
  readonly learnerStep: PlanePoint | null;
  /** ... and from the pretrained baseline's. Null when the run takes no test-time step. */
  readonly pretrainedStep: PlanePoint | null;
}

export interface ParameterPlane {
  /** The iteration whose parameters the picture shows. */
  readonly iteration: number;
  /** Every model of the run, learners first, then the baselines. */
  readonly models: readonly PlaneModel[];
  readonly tasks: readonly PlaneTask[];
}

const held = new WeakMap<object, RegressionBatch>();

/** The first PLANE_TASKS held-out tasks of a run (the first of those every evaluation scores). */
function planeTasks(config: ExperimentConfig): RegressionBatch {
  let tasks = held.get(config);
  if (tasks === undefined) {
    const [chunk] = regressionStream(config).heldOut(PLANE_TASKS);
    tasks = chunk!;
    held.set(config, tasks);
  }
  return tasks;
}

const pointOf = (values: readonly Float32Array[]): PlanePoint => ({
  w: values[0]![0]!,
  b: values[1]![0]!,
});

/** The picture of a two-parameter regression run as it stands. */
export async function parameterPlane(trainer: Trainer): Promise<ParameterPlane> {
  const { config } = trainer;
  if (!hasParameterPlane(config)) {
    throw new Error('The parameter plane needs a linear model: one input and hidden= empty.');
  }
  const iteration = trainer.iteration;
  const models = trainer.models.map((run) => ({
    id: run.model.id,
    role: run.model.role,
    ...pointOf(run.model.parameters(run.values)),
    start: pointOf(run.model.parameters(run.model.initialValues())),
  }));
  const batch = planeTasks(config);
  const { support, query } = batch;
  const gridX = new Float32Array([0, 1]);
  const step = (curves: Float32Array[]): PlanePoint | null => {
    const after = curves[1];
    return after ? { w: after[1]! - after[0]!, b: after[0]! } : null;
  };
  const tasks: PlaneTask[] = [];
  for (let t = 0; t < batch.tasks; t++) {
    const supportX = batch.supportX.slice(t * support, (t + 1) * support);
    const supportY = batch.supportY.slice(t * support, (t + 1) * support);
    const queryX = batch.queryX.subarray(t * query, (t + 1) * query);
    const queryY = batch.queryY.subarray(t * query, (t + 1) * query);
    const fits = trainer.canFit ? await trainer.fit({ supportX, supportY, gridX }) : null;
    const [w, b] = lineOptimum(lineMoments([...supportX, ...queryX], [...supportY, ...queryY]));
    tasks.push({
      optimum: { w, b },
      query: lineMoments(queryX, queryY),
      support: lineMoments(supportX, supportY),
      learnerStep: fits ? step(fits.learner) : null,
      pretrainedStep: fits ? step(fits.pretrained) : null,
    });
  }
  return { iteration, models, tasks };
}

/**
 * A run's checkpoint as a file: everything `Trainer.snapshot()` holds (settings, iteration, the
 * task stream, every model's values, Adam state, own stream, divergence and timing), with typed
 * arrays as base64 of their exact bytes, so a resumed run continues bit for bit. Reading checks
 * every field: a foreign or damaged file is refused with what is wrong, never half read. The
 * settings go through the settings parser, so a checkpoint of an older schema is migrated.
 *
 * A starting state (what a lesson opens from) is a lean checkpoint: no optimiser moments (a third
 * of the size; training on from it restarts Adam, so it is not bit for bit), no values for a model
 * that never trains (restored, it keeps a fresh run's), and the meta-training curves so far,
 * coarsened, so the page can draw how it got there.
 *
 * Version 2 added the exact curves (`curves`: every iteration's numbers as float32, as the page's
 * charts drew them), which the page's checkpoints carry. A version 1 file has none: it is read as a
 * checkpoint without curves, the rest unchanged.
 */
import { parseJson, toJson, type ConfigJson } from '../config';
import type { AdamState } from '../optim/adam';
import type { RngState } from '../random/rng';
import { base64ToFloat32, base64ToFloat64, float32ToBase64, float64ToBase64 } from '../math/base64';
import {
  Fields,
  MalformedFile,
  count,
  finite,
  listOf,
  measured,
  orNull,
  text,
  wrong,
  type Reader,
} from '../results/jsonFields';
import type { TrainingHistory } from './history';
import type { TrainingCurves } from './trainingCurves';
import type { Divergence, ModelSnapshot, TrainerSnapshot } from './types';

/** What the file says it is, and the version of its layout. */
export const CHECKPOINT_KIND = 'meta-learning-playground checkpoint';
export const CHECKPOINT_VERSION = 2;

export interface CheckpointJson {
  readonly kind: typeof CHECKPOINT_KIND;
  readonly version: number;
  readonly config: ConfigJson;
  readonly iteration: number;
  readonly taskRng: RngState;
  readonly models: readonly unknown[];
  /** The meta-training curves so far, in a starting state; absent from a plain checkpoint. */
  readonly history?: HistoryJson;
  /** Every iteration's numbers so far (version 2 on); absent where not asked for. */
  readonly curves?: CurvesJson;
}

interface CurvesJson {
  readonly firstIteration: number;
  readonly metaTrainLoss: string;
  readonly pretrainedLoss: string;
  readonly metaTrainAccuracy: string;
  readonly pretrainedAccuracy: string;
  readonly comparedLoss: readonly string[];
}

interface HistoryJson {
  readonly stride: number;
  readonly metaTrainLoss: readonly (number | null)[];
  readonly metaTrainAccuracy: readonly (number | null)[];
  readonly comparedLoss: readonly (readonly (number | null)[])[];
}

export interface CheckpointOptions {
  /** Leave out the optimiser moments (a starting state, not an exact checkpoint). */
  readonly lean?: boolean;
  readonly history?: TrainingHistory;
  /** The exact curves so far, ending at the snapshot's iteration. */
  readonly curves?: TrainingCurves;
}

/** JSON has no NaN: a curve's stopped points are written as null. */
const nullIfNaN = (values: readonly number[]): (number | null)[] =>
  values.map((value) => (Number.isFinite(value) ? value : null));

function historyJson(history: TrainingHistory): HistoryJson {
  return {
    stride: history.stride,
    metaTrainLoss: nullIfNaN(history.metaTrainLoss),
    metaTrainAccuracy: nullIfNaN(history.metaTrainAccuracy),
    comparedLoss: history.comparedLoss.map(nullIfNaN),
  };
}

function curvesJson(curves: TrainingCurves): CurvesJson {
  return {
    firstIteration: curves.firstIteration,
    metaTrainLoss: float32ToBase64(curves.metaTrainLoss),
    pretrainedLoss: float32ToBase64(curves.pretrainedLoss),
    metaTrainAccuracy: float32ToBase64(curves.metaTrainAccuracy),
    pretrainedAccuracy: float32ToBase64(curves.pretrainedAccuracy),
    comparedLoss: curves.comparedLoss.map(float32ToBase64),
  };
}

function adamJson(state: AdamState) {
  return {
    steps: state.steps,
    firstMoment: state.firstMoment.map(float64ToBase64),
    secondMoment: state.secondMoment.map(float64ToBase64),
  };
}

export function checkpointJson(
  snapshot: TrainerSnapshot,
  options: CheckpointOptions = {},
): CheckpointJson {
  const lean = options.lean === true;
  return {
    kind: CHECKPOINT_KIND,
    version: CHECKPOINT_VERSION,
    config: toJson(snapshot.config),
    iteration: snapshot.iteration,
    taskRng: snapshot.taskRng,
    models: snapshot.models.map((model) => ({
      ...model,
      // Another machine's timings would mislead; without them a state is reproducible.
      ...(lean ? { milliseconds: 0, timedSteps: 0 } : {}),
      // A model that never trains (scratch) starts where a fresh run of the settings does.
      values: lean && !model.optimiser ? [] : model.values.map(float32ToBase64),
      optimiser: model.optimiser && !lean ? adamJson(model.optimiser) : null,
    })),
    ...(options.history ? { history: historyJson(options.history) } : {}),
    ...(options.curves ? { curves: curvesJson(options.curves) } : {}),
  };
}

const float32s: Reader<Float32Array> = (value, path) =>
  base64ToFloat32(text(value, path)) ?? wrong(path, value, 'base64 of 32-bit floats');
const float64s: Reader<Float64Array> = (value, path) =>
  base64ToFloat64(text(value, path)) ?? wrong(path, value, 'base64 of 64-bit floats');

/** A generator word: a 32-bit whole number, signed or not (the generator keeps either). */
const word: Reader<number> = (value, path) =>
  Number.isInteger(value) && (value as number) >= -(2 ** 31) && (value as number) < 2 ** 32
    ? (value as number)
    : wrong(path, value, 'a 32-bit whole number');

const rngState: Reader<RngState> = (value, path) => {
  const fields = Fields.of(value, path);
  const words = fields.read('words', listOf(word));
  if (words.length !== 4)
    throw new MalformedFile(`${path}.words holds ${words.length} words, not 4`);
  return {
    words: words as unknown as RngState['words'],
    spareNormal: fields.read('spareNormal', orNull(finite)),
  };
};

const adamState: Reader<AdamState> = (value, path) => {
  const fields = Fields.of(value, path);
  return {
    steps: fields.read('steps', count),
    firstMoment: fields.read('firstMoment', listOf(float64s)),
    secondMoment: fields.read('secondMoment', listOf(float64s)),
  };
};

const divergence: Reader<Divergence | null> = orNull((value, path) => {
  const fields = Fields.of(value, path);
  return { iteration: fields.read('iteration', count), message: fields.read('message', text) };
});

const modelSnapshot: Reader<ModelSnapshot> = (value, path) => {
  const fields = Fields.of(value, path);
  return {
    id: fields.read('id', text),
    iteration: fields.read('iteration', count),
    divergence: fields.read('divergence', divergence),
    values: fields.read('values', listOf(float32s)),
    optimiser: fields.read('optimiser', orNull(adamState)),
    stream: fields.read('stream', orNull(rngState)),
    milliseconds: fields.read('milliseconds', finite),
    timedSteps: fields.read('timedSteps', count),
  };
};

/** A history whose points cover exactly the iterations the checkpoint trained. */
function historyFor(iteration: number): Reader<TrainingHistory> {
  return (value, path) => {
    const fields = Fields.of(value, path);
    const stride = fields.read('stride', count);
    if (stride === 0) throw new MalformedFile(`${path}.stride is 0`);
    const points: Reader<number[]> = (list, at) => {
      const values = listOf(measured)(list, at);
      if (values.length * stride !== iteration) {
        throw new MalformedFile(
          `${at} holds ${values.length} points of ${stride} iterations, not the checkpoint's ${iteration}`,
        );
      }
      return values;
    };
    const loss = fields.read('metaTrainLoss', points);
    const accuracy = fields.read('metaTrainAccuracy', listOf(measured));
    return {
      stride,
      metaTrainLoss: loss,
      metaTrainAccuracy: accuracy.length === 0 ? [] : points(accuracy, `${path}.metaTrainAccuracy`),
      comparedLoss: fields.read('comparedLoss', listOf(points)),
    };
  };
}

/** Exact curves that end at the checkpoint's iteration, each with a value per iteration. */
function curvesFor(iteration: number): Reader<TrainingCurves> {
  return (value, path) => {
    const fields = Fields.of(value, path);
    const firstIteration = fields.read('firstIteration', count);
    if (firstIteration < 1 || firstIteration > iteration + 1) {
      throw new MalformedFile(
        `${path}.firstIteration is ${firstIteration}, not 1 to the checkpoint's ${iteration + 1}`,
      );
    }
    const length = iteration - firstIteration + 1;
    const curve: Reader<Float32Array> = (list, at) => {
      const values = float32s(list, at);
      if (values.length !== length) {
        throw new MalformedFile(
          `${at} holds ${values.length} values, not one for each of iterations ${firstIteration} to ${iteration}`,
        );
      }
      return values;
    };
    return {
      firstIteration,
      metaTrainLoss: fields.read('metaTrainLoss', curve),
      pretrainedLoss: fields.read('pretrainedLoss', curve),
      metaTrainAccuracy: fields.read('metaTrainAccuracy', curve),
      pretrainedAccuracy: fields.read('pretrainedAccuracy', curve),
      comparedLoss: fields.read('comparedLoss', listOf(curve)),
    };
  };
}

export type ReadCheckpoint =
  | {
      readonly ok: true;
      readonly snapshot: TrainerSnapshot;
      /** The curves so far, where the file keeps them (a starting state). */
      readonly history: TrainingHistory | null;
      /** Every iteration's numbers so far, where the file keeps them (none before version 2). */
      readonly curves: TrainingCurves | null;
    }
  | { readonly ok: false; readonly message: string };

/** Checks a parsed checkpoint file; its settings must read without a problem. */
export function readCheckpoint(json: unknown): ReadCheckpoint {
  try {
    const file = Fields.of(json, '');
    if (file.read('kind', text) !== CHECKPOINT_KIND) {
      throw new MalformedFile(`kind is not "${CHECKPOINT_KIND}"`);
    }
    const version = file.read('version', count);
    if (version > CHECKPOINT_VERSION) {
      return {
        ok: false,
        message: `checkpoint version ${version} is newer than this version reads (up to ${CHECKPOINT_VERSION}): update the playground to read it`,
      };
    }
    const settings = parseJson(file.read('config', (value) => value));
    if (settings.problems.length > 0) {
      throw new MalformedFile(
        `its settings: ${settings.problems.map((p) => p.message).join('; ')}`,
      );
    }
    const iteration = file.read('iteration', count);
    return {
      ok: true,
      snapshot: {
        config: settings.config,
        iteration,
        taskRng: file.read('taskRng', rngState),
        models: file.read('models', listOf(modelSnapshot)),
      },
      history: file.readOr('history', orNull(historyFor(iteration)), null),
      // Version 1 had no curves: its files read as checkpoints without them.
      curves: version < 2 ? null : file.readOr('curves', orNull(curvesFor(iteration)), null),
    };
  } catch (error) {
    if (!(error instanceof MalformedFile)) throw error;
    return { ok: false, message: `not a checkpoint of this playground: ${error.message}` };
  }
}

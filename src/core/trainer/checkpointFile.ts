/**
 * A run's checkpoint as a file: everything `Trainer.snapshot()` holds (settings, iteration, the
 * task stream, every model's values, Adam state, own stream, divergence and timing), with typed
 * arrays as base64 of their exact bytes, so a resumed run continues bit for bit. Reading checks
 * every field: a foreign or damaged file is refused with what is wrong, never half read. The
 * settings go through the settings parser, so a checkpoint of an older schema is migrated.
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
  orNull,
  text,
  wrong,
  type Reader,
} from '../results/jsonFields';
import type { Divergence, ModelSnapshot, TrainerSnapshot } from './types';

/** What the file says it is, and the version of its layout. */
export const CHECKPOINT_KIND = 'meta-learning-playground checkpoint';
export const CHECKPOINT_VERSION = 1;

export interface CheckpointJson {
  readonly kind: typeof CHECKPOINT_KIND;
  readonly version: number;
  readonly config: ConfigJson;
  readonly iteration: number;
  readonly taskRng: RngState;
  readonly models: readonly unknown[];
}

function adamJson(state: AdamState) {
  return {
    steps: state.steps,
    firstMoment: state.firstMoment.map(float64ToBase64),
    secondMoment: state.secondMoment.map(float64ToBase64),
  };
}

export function checkpointJson(snapshot: TrainerSnapshot): CheckpointJson {
  return {
    kind: CHECKPOINT_KIND,
    version: CHECKPOINT_VERSION,
    config: toJson(snapshot.config),
    iteration: snapshot.iteration,
    taskRng: snapshot.taskRng,
    models: snapshot.models.map((model) => ({
      ...model,
      values: model.values.map(float32ToBase64),
      optimiser: model.optimiser ? adamJson(model.optimiser) : null,
    })),
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

export type ReadCheckpoint =
  | { readonly ok: true; readonly snapshot: TrainerSnapshot }
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
    return {
      ok: true,
      snapshot: {
        config: settings.config,
        iteration: file.read('iteration', count),
        taskRng: file.read('taskRng', rngState),
        models: file.read('models', listOf(modelSnapshot)),
      },
    };
  } catch (error) {
    if (!(error instanceof MalformedFile)) throw error;
    return { ok: false, message: `not a checkpoint of this playground: ${error.message}` };
  }
}

/**
 * The runner's results file, versioned. Format 2 names every model of the held-out evaluation by
 * id (`evaluation.models`); format 1, the files written before (they have no `format` field), had
 * the fixed keys `maml`, `pretrained`, `scratch` and a `compared` list, and is migrated on read so
 * old files keep working. Everything read is checked: a foreign or damaged file is refused with
 * what is wrong, never half read.
 */
import { PRETRAINED, SCRATCH, type Evaluation, type ModelCurves } from './evaluation';
import {
  Fields,
  MalformedFile,
  count,
  curve,
  finite,
  flag,
  listOf,
  measured,
  oneOf,
  orNull,
  text,
  type Reader,
} from './jsonFields';
import { FIRST_LEARNER, migratedEvaluation } from './formatOne';

/** The format the runner writes now. */
export const RESULTS_FORMAT = 2;

/**
 * The settings as the runner wrote them (`toJson`, of the config schema version `v`). Old files
 * may lack settings added since: read them with the config's `parseJson`, which upgrades them.
 */
export type SavedConfig = { readonly algorithm: string } & Readonly<Record<string, unknown>>;

export interface OneShotRunsResult {
  readonly score: {
    readonly runs: readonly {
      readonly name: string;
      readonly errors: number;
      readonly items: number;
    }[];
    readonly errorRate: number;
    readonly ci95: number;
    readonly steps: number;
  } | null;
  /** Why the runs could not be scored (a network with a head of another width), or null. */
  readonly problem: string | null;
  readonly seconds: number;
}

/** One run's results file. Non-finite numbers (JSON writes them as null) read back as NaN. */
export interface Results {
  readonly format: typeof RESULTS_FORMAT;
  readonly config: SavedConfig;
  readonly backend: string;
  /** Iterations completed. */
  readonly iterations: number;
  /** Wall time of the whole run per iteration; null when none completed. */
  readonly msPerIteration: number | null;
  readonly trainingSeconds: number;
  readonly evaluationSeconds: number | null;
  readonly divergence: { readonly iteration: number; readonly message: string } | null;
  /**
   * Set when the run stopped on an error (running out of memory, most often): the iteration it
   * failed at and the message. Results up to there are kept, with no evaluation.
   */
  readonly failure: {
    readonly iteration: number;
    readonly message: string;
    readonly outOfMemory: boolean;
  } | null;
  /** The first learner's training loss (and accuracy, for classification) of every iteration. */
  readonly metaTrainLoss: readonly number[];
  readonly metaTrainAccuracy: readonly number[];
  /** Null when the run diverged. */
  readonly evaluation: Evaluation | null;
  readonly oneShotRuns: OneShotRunsResult | null;
  /** What `--data` loaded, as the dataset library summarises it; null without `--data`. */
  readonly data: unknown;
  /** The first learner's network, one row-major array per tensor (of the first seed). */
  readonly parameters: readonly (readonly number[])[];
  /**
   * A run of several seeds (`seeds` > 1): each seed's own run, in order. The fields above then
   * summarise them: the evaluation is the mean over seeds with a 95% interval across seeds, the
   * training curves the mean over seeds. Empty for a run of one seed.
   */
  readonly seedRuns: readonly SeedRun[];
}

/** One seed's run within a run of several seeds. */
export interface SeedRun {
  readonly seed: number;
  readonly iterations: number;
  readonly msPerIteration: number | null;
  readonly divergence: Results['divergence'];
  readonly failure: Results['failure'];
  readonly metaTrainLoss: readonly number[];
  readonly metaTrainAccuracy: readonly number[];
  readonly evaluation: Evaluation | null;
}

export type ReadResults =
  | { readonly ok: true; readonly results: Results; readonly migratedFrom: number | null }
  | { readonly ok: false; readonly message: string };

const divergence: Reader<Results['divergence']> = orNull((value, path) => {
  const fields = Fields.of(value, path);
  return { iteration: fields.read('iteration', count), message: fields.read('message', text) };
});

const failure: Reader<Results['failure']> = orNull((value, path) => {
  const fields = Fields.of(value, path);
  return {
    iteration: fields.read('iteration', count),
    message: fields.read('message', text),
    outOfMemory: fields.read('outOfMemory', flag),
  };
});

const oneShotRuns: Reader<OneShotRunsResult | null> = orNull((value, path) => {
  const fields = Fields.of(value, path);
  const run: Reader<{ name: string; errors: number; items: number }> = (item, at) => {
    const runFields = Fields.of(item, at);
    return {
      name: runFields.read('name', text),
      errors: runFields.read('errors', count),
      items: runFields.read('items', count),
    };
  };
  const score = orNull((scoreValue, at) => {
    const scoreFields = Fields.of(scoreValue, at);
    return {
      runs: scoreFields.read('runs', listOf(run)),
      errorRate: scoreFields.read('errorRate', measured),
      ci95: scoreFields.read('ci95', measured),
      steps: scoreFields.read('steps', count),
    };
  });
  return {
    score: fields.read('score', score),
    problem: fields.read('problem', orNull(text)),
    seconds: fields.read('seconds', finite),
  };
});

/** The settings; only format 1 may lack the `algorithm` setting. */
function savedConfig(format: number): Reader<SavedConfig> {
  return (value, path) => {
    const fields = Fields.of(value, path);
    const algorithm =
      format === 1
        ? fields.readOr('algorithm', text, FIRST_LEARNER)
        : fields.read('algorithm', text);
    return { ...(value as Readonly<Record<string, unknown>>), algorithm };
  };
}

/** What every format has outside the evaluation; fields added during format 1 default. */
function common(file: Fields, format: number): Omit<Results, 'format' | 'evaluation' | 'seedRuns'> {
  return {
    config: file.read('config', savedConfig(format)),
    backend: file.read('backend', text),
    iterations: file.read('iterations', count),
    msPerIteration: file.read('msPerIteration', orNull(finite)),
    trainingSeconds: file.read('trainingSeconds', finite),
    evaluationSeconds: file.read('evaluationSeconds', orNull(finite)),
    divergence: file.read('divergence', divergence),
    failure: file.readOr('failure', failure, null),
    metaTrainLoss: file.read('metaTrainLoss', listOf(measured)),
    metaTrainAccuracy: file.readOr('metaTrainAccuracy', listOf(measured), []),
    oneShotRuns: file.readOr('oneShotRuns', oneShotRuns, null),
    data: file.readOr('data', (value) => value, null),
    parameters: file.readOr('parameters', listOf(listOf(measured)), []),
  };
}

/** Format 2: the models by id, learners first, then both baselines. */
const evaluation: Reader<Evaluation | null> = orNull((value, path) => {
  const fields = Fields.of(value, path);
  const steps = fields.read('steps', listOf(count));
  const model: Reader<ModelCurves> = (item, at) => {
    const m = Fields.of(item, at);
    return {
      id: m.read('id', text),
      role: m.read('role', oneOf('learner', 'baseline')),
      loss: m.read('loss', curve(steps.length)),
      accuracy: m.read('accuracy', orNull(curve(steps.length))),
      iteration: m.read('iteration', count),
      msPerIteration: m.read('msPerIteration', measured),
      divergence: m.read('divergence', orNull(text)),
    };
  };
  const models = fields.read('models', listOf(model));
  const learners = models.findIndex((m) => m.role !== 'learner');
  if (learners <= 0 || models.slice(learners).some((m) => m.role === 'learner')) {
    throw new MalformedFile(`${path}.models does not list its learners first, then the baselines`);
  }
  for (const id of [PRETRAINED, SCRATCH]) {
    if (!models.some((m) => m.id === id && m.role === 'baseline')) {
      throw new MalformedFile(`${path}.models has no ${id} baseline`);
    }
  }
  return {
    steps,
    tasks: fields.read('tasks', count),
    lossKind: fields.read('lossKind', oneOf('mse', 'cross-entropy')),
    models,
  };
});

const seedRun: Reader<SeedRun> = (value, path) => {
  const fields = Fields.of(value, path);
  return {
    seed: fields.read('seed', count),
    iterations: fields.read('iterations', count),
    msPerIteration: fields.read('msPerIteration', orNull(finite)),
    divergence: fields.read('divergence', divergence),
    failure: fields.read('failure', failure),
    metaTrainLoss: fields.read('metaTrainLoss', listOf(measured)),
    metaTrainAccuracy: fields.read('metaTrainAccuracy', listOf(measured)),
    evaluation: fields.read('evaluation', evaluation),
  };
};

function readFormat(file: Fields, format: number): Results {
  const run = common(file, format);
  const reader = format === RESULTS_FORMAT ? evaluation : migratedEvaluation(run);
  return {
    format: RESULTS_FORMAT,
    ...run,
    evaluation: file.read('evaluation', reader),
    // Added within format 2: files of one seed, and every earlier file, have none.
    seedRuns: format === RESULTS_FORMAT ? file.readOr('seedRuns', listOf(seedRun), []) : [],
  };
}

/** Checks a parsed results file and brings an old one up to the current format. */
export function readResults(json: unknown): ReadResults {
  try {
    const file = Fields.of(json, '');
    const format = file.readOr('format', count, 1);
    if (format > RESULTS_FORMAT) {
      return {
        ok: false,
        message: `results format ${format} is newer than this version reads (up to ${RESULTS_FORMAT}): update the playground to read this file`,
      };
    }
    if (format < 1) throw new MalformedFile(`format ${format} does not exist`);
    const results = readFormat(file, format);
    return { ok: true, results, migratedFrom: format === RESULTS_FORMAT ? null : format };
  } catch (error) {
    if (!(error instanceof MalformedFile)) throw error;
    return { ok: false, message: `not a results file: ${error.message}` };
  }
}

/** Reads a results file's text; text that is not JSON (a truncated file, say) is refused too. */
export function parseResults(fileText: string): ReadResults {
  let json: unknown;
  try {
    json = JSON.parse(fileText);
  } catch (error) {
    return {
      ok: false,
      message: `not a results file: it is not JSON (${error instanceof Error ? error.message : String(error)})`,
    };
  }
  return readResults(json);
}

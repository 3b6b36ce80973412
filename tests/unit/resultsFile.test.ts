/**
 * The runner's results file: version-1 files (written before the format field, with the fixed
 * keys maml, pretrained, scratch and a compared list) migrate to models by id; current files
 * round-trip; foreign, damaged and newer files are refused with a message; the runner's own
 * output and the table scripts go through the same reader.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  RESULTS_FORMAT,
  parseResults,
  readResults,
  type Results,
} from '../../src/core/results/resultsFile';
import { REPO_ROOT, runCli } from '../helpers/runCli';

const dir = mkdtempSync(join(tmpdir(), 'results-file-test-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A JSON value as read from a file: the reader must not trust its type. */
type Json = Record<string, unknown>;

const curve = <T extends number | null>(mean: T[], ci95: T[]) => ({ mean, ci95 });

/** Version 1, a single run of Reptile on sine waves. */
const V1_SINGLE: Json = {
  config: { v: 1, task: 'sinusoid', algorithm: 'reptile', shots: 5, seed: 3, compare: [] },
  backend: 'wasm',
  iterations: 40,
  msPerIteration: 2.5,
  trainingSeconds: 0.1,
  evaluationSeconds: 0.2,
  divergence: null,
  metaTrainLoss: [1.5, 1.25],
  metaTrainAccuracy: [],
  evaluation: {
    steps: [0, 1, 2],
    tasks: 10,
    lossKind: 'mse',
    maml: curve([3, 2, 1.5], [0.3, 0.2, 0.15]),
    pretrained: curve([3.1, 2.9, 2.8], [0.31, 0.29, 0.28]),
    scratch: curve([4, 3.5, 3.25], [0.4, 0.35, 0.325]),
    accuracy: null,
    compared: null,
  },
  oneShotRuns: null,
  data: null,
  parameters: [[0.5, -0.5], [0.25]],
};

/** Version 1 as the first runner wrote it: no algorithm setting, no lossKind, no parameters. */
const V1_FIRST: Json = {
  config: { v: 1, shots: 10, seed: 1 },
  backend: 'cpu',
  iterations: 2,
  msPerIteration: 7,
  trainingSeconds: 0.014,
  evaluationSeconds: 0.5,
  divergence: null,
  metaTrainLoss: [2, 1],
  evaluation: {
    steps: [0, 1],
    tasks: 4,
    maml: curve([2, 1], [0.2, 0.1]),
    pretrained: curve([2.5, 2], [0.25, 0.2]),
    scratch: curve([3, 2.5], [0.3, 0.25]),
  },
};

/** Version 1, prototypical networks on glyphs, with accuracy and the one-shot runs scored. */
const V1_CLASSIFICATION: Json = {
  config: { v: 1, task: 'glyphs', algorithm: 'protonet', ways: 3, shots: 1, compare: [] },
  backend: 'wasm',
  iterations: 6,
  msPerIteration: 50,
  trainingSeconds: 0.3,
  evaluationSeconds: 0.4,
  divergence: null,
  metaTrainLoss: [1.1, 1],
  metaTrainAccuracy: [0.4, 0.5],
  evaluation: {
    steps: [0, 1],
    tasks: 8,
    lossKind: 'cross-entropy',
    maml: curve([1, 0.75], [0.1, 0.05]),
    pretrained: curve([1.1, 1], [0.1, 0.1]),
    scratch: curve([1.2, 1.1], [0.2, 0.1]),
    accuracy: {
      maml: curve([0.625, 0.75], [0.125, 0.0625]),
      pretrained: curve([0.375, 0.5], [0.125, 0.125]),
      scratch: curve([0.25, 0.375], [0.25, 0.125]),
    },
    compared: null,
  },
  oneShotRuns: {
    score: {
      runs: [
        { name: 'run01', errors: 1, items: 4 },
        { name: 'run02', errors: 3, items: 4 },
      ],
      errorRate: 0.5,
      ci95: 0.49,
      steps: 0,
    },
    problem: null,
    seconds: 0.25,
  },
  data: { heldOutAlphabets: ['Cc'] },
  parameters: [[1, 2, 3]],
};

/** Version 1, a comparison on sine waves in which Meta-SGD stopped early and blew up. */
const V1_COMPARISON: Json = {
  config: { v: 1, task: 'sinusoid', algorithm: 'maml', compare: ['maml', 'metasgd'], seed: 2 },
  backend: 'wasm',
  iterations: 20,
  msPerIteration: 9,
  trainingSeconds: 0.18,
  evaluationSeconds: 0.3,
  divergence: null,
  metaTrainLoss: [3, 2],
  metaTrainAccuracy: [],
  evaluation: {
    steps: [0, 1, 2],
    tasks: 6,
    lossKind: 'mse',
    maml: curve([2, 1.5, 1.25], [0.2, 0.15, 0.125]),
    pretrained: curve([2.2, 2, 1.9], [0.2, 0.2, 0.2]),
    scratch: curve([3, 2.75, 2.5], [0.3, 0.25, 0.25]),
    accuracy: null,
    compared: [
      {
        algorithm: 'maml',
        iteration: 20,
        loss: curve([2, 1.5, 1.25], [0.2, 0.15, 0.125]),
        accuracy: null,
        msPerIteration: 3.5,
        divergence: null,
      },
      {
        algorithm: 'metasgd',
        iteration: 12,
        // JSON writes a non-finite number as null.
        loss: curve([2.5, 1.75, null], [0.25, 0.5, null]),
        accuracy: null,
        msPerIteration: 4,
        divergence: 'Meta-SGD stopped: its loss is not finite.',
      },
    ],
  },
  oneShotRuns: null,
  data: null,
  parameters: [[0.125]],
};

/** Version 1, a comparison on glyphs: accuracy for each compared learner and both baselines. */
const V1_CLASSIFICATION_COMPARISON: Json = {
  config: { v: 1, task: 'glyphs', algorithm: 'maml', compare: ['maml', 'protonet'] },
  backend: 'wasm',
  iterations: 3,
  msPerIteration: 80,
  trainingSeconds: 0.24,
  evaluationSeconds: 0.1,
  divergence: null,
  metaTrainLoss: [1.2, 1.1, 1],
  metaTrainAccuracy: [0.3, 0.4, 0.5],
  evaluation: {
    steps: [0, 1],
    tasks: 4,
    lossKind: 'cross-entropy',
    maml: curve([1.2, 1], [0.1, 0.1]),
    pretrained: curve([1.3, 1.2], [0.1, 0.1]),
    scratch: curve([1.4, 1.3], [0.2, 0.2]),
    accuracy: {
      maml: curve([0.5, 0.625], [0.1, 0.1]),
      pretrained: curve([0.25, 0.375], [0.1, 0.1]),
      scratch: curve([0.125, 0.25], [0.1, 0.1]),
    },
    compared: [
      {
        algorithm: 'maml',
        iteration: 3,
        loss: curve([1.2, 1], [0.1, 0.1]),
        accuracy: curve([0.5, 0.625], [0.1, 0.1]),
        msPerIteration: 30,
        divergence: null,
      },
      {
        algorithm: 'protonet',
        iteration: 3,
        loss: curve([0.9, 0.9], [0.05, 0.05]),
        accuracy: curve([0.75, 0.75], [0.05, 0.05]),
        msPerIteration: 20,
        divergence: null,
      },
    ],
  },
  oneShotRuns: null,
  data: null,
  parameters: [[1]],
  seedRuns: [],
};

/** A current (format 2) file, with the NaNs JSON cannot hold. */
const CURRENT: Results = {
  format: RESULTS_FORMAT,
  config: { v: 1, task: 'sinusoid', algorithm: 'maml', compare: [] },
  backend: 'wasm',
  iterations: 5,
  msPerIteration: 4,
  trainingSeconds: 0.02,
  evaluationSeconds: 0.1,
  divergence: null,
  failure: null,
  metaTrainLoss: [2, 1.5, 1.25, 1, 0.75],
  metaTrainAccuracy: [],
  evaluation: {
    steps: [0, 1],
    tasks: 3,
    lossKind: 'mse',
    models: [
      {
        id: 'maml',
        role: 'learner',
        loss: curve([2, 1.5], [0.2, 0.1]),
        accuracy: null,
        iteration: 5,
        msPerIteration: 1.5,
        divergence: null,
      },
      {
        id: 'pretrained',
        role: 'baseline',
        loss: { mean: [2.5, Infinity], ci95: [0.25, NaN] },
        accuracy: null,
        iteration: 5,
        msPerIteration: 1,
        divergence: null,
      },
      {
        id: 'scratch',
        role: 'baseline',
        loss: curve([3, 2.5], [0.3, 0.25]),
        accuracy: null,
        iteration: 0,
        msPerIteration: NaN,
        divergence: null,
      },
    ],
  },
  oneShotRuns: null,
  data: null,
  parameters: [[0.5, 0.25]],
  seedRuns: [],
};

/** What a file becomes once written and read back as JSON. */
const throughJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

function read(json: unknown): { results: Results; migratedFrom: number | null } {
  const result = readResults(json);
  if (!result.ok) throw new Error(`refused: ${result.message}`);
  return result;
}

function refusal(json: unknown): string {
  const result = readResults(json);
  if (result.ok) throw new Error('read a file that should have been refused');
  return result.message;
}

/** A copy of a JSON value with one part changed. */
function edited(json: unknown, change: (copy: Json) => void): Json {
  const copy = throughJson(json) as Json;
  change(copy);
  return copy;
}

const evaluationOf = (file: Json): Json => file.evaluation as Json;
const curveOf = (file: Json, key: string): unknown => evaluationOf(file)[key];
const accuracyOf = (file: Json, key: string): unknown => (evaluationOf(file).accuracy as Json)[key];

describe('a version-1 results file migrates to models by id', () => {
  it('a single run: the config names the learner, the run times it', () => {
    const { results, migratedFrom } = read(throughJson(V1_SINGLE));
    expect(migratedFrom).toBe(1);
    expect(results.format).toBe(RESULTS_FORMAT);
    expect(results.evaluation).toEqual({
      steps: [0, 1, 2],
      tasks: 10,
      lossKind: 'mse',
      models: [
        {
          id: 'reptile',
          role: 'learner',
          loss: curveOf(V1_SINGLE, 'maml'),
          accuracy: null,
          iteration: 40,
          msPerIteration: 2.5,
          divergence: null,
        },
        {
          id: 'pretrained',
          role: 'baseline',
          loss: curveOf(V1_SINGLE, 'pretrained'),
          accuracy: null,
          iteration: 40,
          msPerIteration: NaN,
          divergence: null,
        },
        {
          id: 'scratch',
          role: 'baseline',
          loss: curveOf(V1_SINGLE, 'scratch'),
          accuracy: null,
          iteration: 0,
          msPerIteration: NaN,
          divergence: null,
        },
      ],
    });
    // Everything outside the evaluation is kept as it was.
    expect(results.config).toEqual(V1_SINGLE.config);
    expect(results.metaTrainLoss).toEqual([1.5, 1.25]);
    expect(results.parameters).toEqual([[0.5, -0.5], [0.25]]);
    expect(results.backend).toBe('wasm');
  });

  it('the first files: MAML, sine waves, and none of the fields added since', () => {
    const { results, migratedFrom } = read(throughJson(V1_FIRST));
    expect(migratedFrom).toBe(1);
    expect(results.evaluation?.lossKind).toBe('mse');
    expect(results.evaluation?.models.map((m) => [m.id, m.role, m.iteration])).toEqual([
      ['maml', 'learner', 2],
      ['pretrained', 'baseline', 2],
      ['scratch', 'baseline', 0],
    ]);
    expect(results.evaluation?.models[0]?.msPerIteration).toBe(7);
    expect(results.metaTrainAccuracy).toEqual([]);
    expect(results.oneShotRuns).toBeNull();
    expect(results.data).toBeNull();
    expect(results.parameters).toEqual([]);
  });

  it('a classification run: each model gets its accuracy; the one-shot runs are kept', () => {
    const { results } = read(throughJson(V1_CLASSIFICATION));
    const models = results.evaluation!.models;
    expect(models.map((m) => m.id)).toEqual(['protonet', 'pretrained', 'scratch']);
    expect(models.map((m) => m.accuracy)).toEqual([
      accuracyOf(V1_CLASSIFICATION, 'maml'),
      accuracyOf(V1_CLASSIFICATION, 'pretrained'),
      accuracyOf(V1_CLASSIFICATION, 'scratch'),
    ]);
    expect(models.map((m) => m.loss)).toEqual([
      curveOf(V1_CLASSIFICATION, 'maml'),
      curveOf(V1_CLASSIFICATION, 'pretrained'),
      curveOf(V1_CLASSIFICATION, 'scratch'),
    ]);
    expect(results.evaluation!.lossKind).toBe('cross-entropy');
    expect(results.oneShotRuns).toEqual(V1_CLASSIFICATION.oneShotRuns);
    expect(results.metaTrainAccuracy).toEqual([0.4, 0.5]);
  });

  it('a comparison: each compared entry is a learner with its own time and stop', () => {
    const { results } = read(throughJson(V1_COMPARISON));
    const models = results.evaluation!.models;
    expect(models.map((m) => m.id)).toEqual(['maml', 'metasgd', 'pretrained', 'scratch']);
    expect(models.map((m) => m.role)).toEqual(['learner', 'learner', 'baseline', 'baseline']);
    const [maml, metasgd, pretrained] = models;
    expect(maml).toMatchObject({ iteration: 20, msPerIteration: 3.5, divergence: null });
    expect(metasgd).toMatchObject({
      iteration: 12,
      msPerIteration: 4,
      divergence: 'Meta-SGD stopped: its loss is not finite.',
    });
    // The null JSON wrote for the blown-up point reads back as a number that is not finite.
    expect(metasgd!.loss.mean).toEqual([2.5, 1.75, NaN]);
    expect(metasgd!.loss.ci95).toEqual([0.25, 0.5, NaN]);
    expect(pretrained!.loss).toEqual(curveOf(V1_COMPARISON, 'pretrained'));
    expect(pretrained!.iteration).toBe(20);
  });

  it('a classification comparison: accuracy from each compared entry and the baselines', () => {
    const { results } = read(throughJson(V1_CLASSIFICATION_COMPARISON));
    const models = results.evaluation!.models;
    expect(models.map((m) => m.id)).toEqual(['maml', 'protonet', 'pretrained', 'scratch']);
    const compared = evaluationOf(V1_CLASSIFICATION_COMPARISON).compared as Json[];
    expect(models.map((m) => m.accuracy)).toEqual([
      compared[0]!.accuracy,
      compared[1]!.accuracy,
      accuracyOf(V1_CLASSIFICATION_COMPARISON, 'pretrained'),
      accuracyOf(V1_CLASSIFICATION_COMPARISON, 'scratch'),
    ]);
    expect(models.map((m) => m.msPerIteration)).toEqual([30, 20, NaN, NaN]);
  });

  it('a diverged run has no evaluation and keeps its divergence', () => {
    const diverged = edited(V1_SINGLE, (file) => {
      file.evaluation = null;
      file.evaluationSeconds = null;
      file.divergence = { iteration: 7, message: 'innerLr is too large' };
    });
    const { results } = read(diverged);
    expect(results.evaluation).toBeNull();
    expect(results.divergence).toEqual({ iteration: 7, message: 'innerLr is too large' });
  });

  it('a migrated file, written again, reads as a current one', () => {
    for (const old of [V1_SINGLE, V1_CLASSIFICATION, V1_COMPARISON]) {
      const { results } = read(throughJson(old));
      const again = read(throughJson(results));
      expect(again.migratedFrom).toBeNull();
      expect(again.results).toEqual(results);
    }
  });
});

describe('a current results file', () => {
  it('round-trips through JSON, its non-finite numbers as NaN', () => {
    const { results, migratedFrom } = read(throughJson(CURRENT));
    expect(migratedFrom).toBeNull();
    expect(results).toEqual({
      ...CURRENT,
      evaluation: {
        ...CURRENT.evaluation!,
        models: CURRENT.evaluation!.models.map((m) =>
          m.id === 'pretrained' ? { ...m, loss: { mean: [2.5, NaN], ci95: [0.25, NaN] } } : m,
        ),
      },
    });
  });

  it('is format 2', () => {
    expect(RESULTS_FORMAT).toBe(2);
  });

  it('keeps a failure; a file written before failures were recorded reads as none', () => {
    const failure = {
      iteration: 3,
      message: 'Out of memory at iteration 4: ...',
      outOfMemory: true,
    };
    const failed = read(throughJson({ ...CURRENT, evaluation: null, failure }));
    expect(failed.results.failure).toEqual(failure);
    const older = throughJson(CURRENT) as Json;
    delete older.failure;
    expect(read(older).results.failure).toBeNull();
  });

  it("keeps each seed's run of several seeds; a file of one seed has none", () => {
    const seedRun = {
      seed: 4,
      iterations: 5,
      msPerIteration: 4,
      divergence: null,
      failure: null,
      metaTrainLoss: [2, 1],
      metaTrainAccuracy: [],
      evaluation: { ...CURRENT.evaluation!, models: CURRENT.evaluation!.models.slice(0, 1) },
    };
    // A seed's evaluation is checked like the run's: this one lacks both baselines.
    expect(refusal(throughJson({ ...CURRENT, seedRuns: [seedRun] }))).toBe(
      'not a results file: seedRuns[0].evaluation.models does not list its learners first, then the baselines',
    );
    const several = { ...seedRun, evaluation: null };
    expect(read(throughJson({ ...CURRENT, seedRuns: [several] })).results.seedRuns).toEqual([
      several,
    ]);
    const older = throughJson(CURRENT) as Json;
    delete older.seedRuns;
    expect(read(older).results.seedRuns).toEqual([]);
  });

  it('refuses a failure without its flag', () => {
    const file = throughJson({ ...CURRENT, failure: { iteration: 1, message: 'x' } });
    expect(refusal(file)).toBe('not a results file: failure.outOfMemory is missing');
    const wrongFlag = throughJson({
      ...CURRENT,
      failure: { iteration: 1, message: 'x', outOfMemory: 'yes' },
    });
    expect(refusal(wrongFlag)).toMatch(/^not a results file: failure\.outOfMemory is the text/);
  });
});

describe('files that are not results are refused with what is wrong', () => {
  it('a foreign JSON object', () => {
    expect(refusal({ foo: 1 })).toBe('not a results file: config is missing');
  });

  it.each([
    [null, 'null'],
    [[1, 2], 'a list'],
    ['results', 'the text'],
    [42, 'the number 42'],
  ])('%j, which is not an object', (json, described) => {
    const message = refusal(json);
    expect(message).toMatch(/^not a results file: the file is /);
    expect(message).toContain(described);
  });

  it('a truncated file', () => {
    const text = JSON.stringify(CURRENT);
    const result = parseResults(text.slice(0, text.length / 2));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/^not a results file: it is not JSON/);
    // The whole text reads.
    expect(parseResults(text).ok).toBe(true);
  });

  it.each([
    [
      'the models missing',
      (file: Json) => delete evaluationOf(file).models,
      'evaluation.models is missing',
    ],
    [
      "a model's loss missing",
      (file: Json) => delete (evaluationOf(file).models as Json[])[1]!.loss,
      'evaluation.models[1].loss is missing',
    ],
    [
      'a curve of the wrong length',
      (file: Json) => {
        ((evaluationOf(file).models as Json[])[0]!.loss as Json).mean = [1];
      },
      'evaluation.models[0].loss.mean has 1 values for 2 steps',
    ],
    [
      'no scratch baseline',
      (file: Json) => {
        evaluationOf(file).models = (evaluationOf(file).models as Json[]).slice(0, 2);
      },
      'evaluation.models has no scratch baseline',
    ],
    [
      'a baseline before the learner',
      (file: Json) => {
        (evaluationOf(file).models as Json[]).reverse();
      },
      'evaluation.models does not list its learners first',
    ],
    [
      'an unknown role',
      (file: Json) => {
        (evaluationOf(file).models as Json[])[0]!.role = 'teacher';
      },
      'evaluation.models[0].role is the text "teacher", not learner or baseline',
    ],
    [
      'settings without the algorithm',
      (file: Json) => delete (file.config as Json).algorithm,
      'config.algorithm is missing',
    ],
    [
      'a text for a number',
      (file: Json) => {
        file.iterations = '5';
      },
      'iterations is the text "5", not a whole number',
    ],
  ])('a current file with %s', (_, change, problem) => {
    expect(refusal(edited(CURRENT, change))).toContain(`not a results file: ${problem}`);
  });

  it('a version-1 file without its learner curve', () => {
    const file = edited(V1_SINGLE, (copy) => delete evaluationOf(copy).maml);
    expect(refusal(file)).toBe('not a results file: evaluation.maml is missing');
  });

  it('a newer format, naming it', () => {
    const message = refusal(edited(CURRENT, (file) => (file.format = RESULTS_FORMAT + 1)));
    expect(message).toContain(`format ${RESULTS_FORMAT + 1}`);
    expect(message).toMatch(/newer/);
  });

  it('a format that is not a version', () => {
    expect(refusal(edited(CURRENT, (file) => (file.format = 'two')))).toContain('format is');
    expect(refusal(edited(CURRENT, (file) => (file.format = 0)))).toContain('format 0');
  });
});

describe('files of the runner and the table scripts', () => {
  const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
  const script = (name: string, files: string[]) =>
    spawnSync(tsx, [join('src', 'cli', name), ...files], { cwd: REPO_ROOT, encoding: 'utf8' });
  const write = (name: string, json: unknown): string => {
    const path = join(dir, name);
    writeFileSync(path, `${JSON.stringify(json)}\n`);
    return path;
  };
  const cell = (file: Json, key: string, step: number): string => {
    const c = curveOf(file, key) as { mean: number[]; ci95: number[] };
    return `${c.mean[step]!.toFixed(3)} ± ${c.ci95[step]!.toFixed(3)}`;
  };

  it('a file the runner writes reads back as the current format', () => {
    const sets = ['iterations=3', 'evalTasks=3', 'testInnerSteps=1', 'metaBatch=2', 'hidden=8'];
    const run = runCli(sets.flatMap((pair) => ['--set', pair]));
    expect(run.status, run.stderr).toBe(0);
    const { results, migratedFrom } = read(JSON.parse(run.stdout));
    expect(migratedFrom).toBeNull();
    expect(results.iterations).toBe(3);
    expect(results.evaluation?.models.map((m) => m.id)).toEqual(['maml', 'pretrained', 'scratch']);
    // Scratch never trains: its NaN time came back through JSON's null.
    expect(results.evaluation?.models[2]?.msPerIteration).toBeNaN();

    // The MSE table reads it beside a version-1 file.
    const table = script('resultsTable.ts', [
      write('current.json', JSON.parse(run.stdout)),
      write('v1-single.json', V1_SINGLE),
    ]);
    expect(table.status, table.stderr).toBe(0);
    const rows = table.stdout.split('\n').filter((line) => /^\| \d/.test(line));
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain(`| ${cell(V1_SINGLE, 'maml', 1)} | ${cell(V1_SINGLE, 'maml', 2)} |`);
    expect(rows[1]).toContain(`| ${cell(V1_SINGLE, 'scratch', 2)} | 2.50 (wasm) |`);
  });

  it('the algorithms table reads a version-1 comparison, one row per model', () => {
    const table = script('algorithmsTable.ts', [write('v1-compare.json', V1_COMPARISON)]);
    expect(table.status, table.stderr).toBe(0);
    const rows = table.stdout.split('\n').filter((line) => line.startsWith('| '));
    const named = (name: string) => rows.find((row) => row.startsWith(`| ${name} |`)) ?? '';
    expect(named('MAML')).toContain(`| 20 | ${cell(V1_COMPARISON, 'maml', 0)} |`);
    expect(named('Meta-SGD (stopped early)')).toMatch(/\| 12 \| .* \| not finite \| 4\.00/);
    expect(named('scratch')).toContain(`| 0 | ${cell(V1_COMPARISON, 'scratch', 0)} |`);
  });

  it('the classification table reads a version-1 file, with its one-shot score', () => {
    const table = script('classificationTable.ts', [write('v1-glyphs.json', V1_CLASSIFICATION)]);
    expect(table.status, table.stderr).toBe(0);
    const row = table.stdout.split('\n').find((line) => line.startsWith('| v1-glyphs |'));
    expect(row).toBeDefined();
    // Accuracy after the last step, in percent: learner, pretrained, scratch; then the runs.
    expect(row).toContain('| 75.0 ± 6.3 | 50.0 ± 12.5 | 37.5 ± 12.5 | 50.0% ± 49.0 |');
  });

  it('a table script stops on a file that is not results, naming it and the problem', () => {
    const table = script('resultsTable.ts', [write('foreign.json', { foo: 1 })]);
    expect(table.status).toBe(2);
    expect(table.stderr).toContain('foreign.json: not a results file: config is missing');
    expect(table.stdout).toBe('');
  });
});

/**
 * The exported Omniglot script run end to end under PyTorch (CPU build), beside the playground's
 * runner on the same settings and zips (../shared/data/omniglot, skipped when absent):
 * - MAML (second order), a few meta-iterations: the same meta-training losses, and held-out
 *   accuracies equal to the runner's on the same held-out tasks. Both draw the same tasks and
 *   initial weights and differ only by float32 rounding (losses measured equal to 1e-7
 *   relative), so an accuracy, a count of right answers over 20 tasks' queries, is the same
 *   unless a query sits on a tie between two classes; we require 1e-3 (3 decimals) and 1e-5
 *   relative for the losses.
 * - Prototypical networks with the 20 one-shot runs: the same errors in every run, and the same
 *   held-out scores.
 * - Zips that are missing or are not Omniglot's: a one-line reason and exit status 2, not a
 *   traceback (needs no data).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { toJson, type ExperimentConfig } from '../../src/core/config';
import { pytorchScript } from '../../src/core/export/pytorchScript';
import { readResults, type Results } from '../../src/core/results/resultsFile';
import { runCli } from '../helpers/runCli';
import { pythonMissing, runPython, type PythonRun } from '../helpers/python';
import { configWith } from '../helpers/sessions';

const DIR = fileURLToPath(new URL('../../../shared/data/omniglot/', import.meta.url));
const ZIPS = ['images_background_small1.zip', 'images_background_small2.zip'].map((f) => DIR + f);
const RUNS = DIR + 'all_runs.zip';
const present = [...ZIPS, RUNS].every((path) => existsSync(path));
const noTorch = pythonMissing(['torch']);
const torchNote = noTorch ? ` (skipped: ${noTorch}; .ci/run installs CPU PyTorch with pip)` : '';
const dataNote = present ? '' : ' (skipped: ../shared/data/omniglot not present)';
const EXIT_BAD_INPUT = 2;
const folder = mkdtempSync(join(tmpdir(), 'pytorch-omniglot-run-'));

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

/** A few seconds for each side on two cores: small images and filters, 20 held-out tasks. */
const SMALL = [
  'task=omniglot',
  'filters=8',
  'imageSize=14',
  'metaBatch=4',
  'iterations=5',
  'evalTasks=20',
  'testInnerSteps=3',
];

function exported(config: ExperimentConfig, name: string): string {
  const script = pytorchScript(config);
  if (!script.ok) throw new Error(script.reason);
  const path = join(folder, name);
  writeFileSync(path, script.text);
  return path;
}

function expectRan(run: { status: number | null; stderr: string }): void {
  if (run.status !== 0) throw new Error(`it failed (${run.status}):\n${run.stderr}`);
}

function read(path: string): Results {
  const result = readResults(JSON.parse(readFileSync(path, 'utf8')));
  if (!result.ok) throw new Error(`${path}: ${result.message}`);
  return result.results;
}

/** The script's and the runner's results for `sets`, with `zips` given to both. */
function bothRuns(sets: readonly string[], zips: readonly string[], name: string) {
  const config = configWith(...sets);
  const script = exported(config, `${name}.py`);
  const ours = join(folder, `${name}-script.json`);
  const theirs = join(folder, `${name}-runner.json`);
  const alphabets = zips.filter((zip) => zip !== RUNS);
  const runs = zips.includes(RUNS) ? ['--one-shot-runs', RUNS] : [];
  expectRan(
    runPython([script, '--omniglot', ...alphabets, ...runs, '--device', 'cpu', '--out', ours]),
  );
  const runner = runCli([
    ...sets.flatMap((set) => ['--set', set]),
    ...zips.flatMap((zip) => ['--data', zip]),
    '--backend',
    'wasm',
    '--out',
    theirs,
  ]);
  expectRan(runner);
  return { config, ours: read(ours), theirs: read(theirs) };
}

function expectCloseRelative(
  actual: readonly number[],
  expected: readonly number[],
  tolerance: number,
): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => {
    expect(Math.abs(value - expected[i]!)).toBeLessThanOrEqual(tolerance * Math.abs(expected[i]!));
  });
}

/** Every model's held-out losses (1e-5 relative) and accuracies (1e-3) are the runner's. */
function expectSameEvaluation(ours: Results, theirs: Results): void {
  ours.evaluation!.models.forEach((model, i) => {
    const reference = theirs.evaluation!.models[i]!;
    expect(model.id).toBe(reference.id);
    expectCloseRelative(model.loss.mean, reference.loss.mean, 1e-5);
    model.accuracy!.mean.forEach((accuracy, step) => {
      expect(Math.abs(accuracy - reference.accuracy!.mean[step]!)).toBeLessThan(1e-3);
    });
  });
}

describe.skipIf(noTorch !== null || !present)(
  `the exported Omniglot script beside the runner${torchNote || dataNote}`,
  () => {
    it('trains MAML on the same tasks and scores the same held-out tasks as the runner', () => {
      const { config, ours, theirs } = bothRuns([...SMALL, 'algorithm=maml'], ZIPS, 'maml');
      expect(ours.config).toEqual(toJson(config));
      expect(ours.iterations).toBe(5);
      expectCloseRelative(ours.metaTrainLoss, theirs.metaTrainLoss, 1e-5);
      expect(ours.metaTrainAccuracy).toHaveLength(5);
      const evaluation = ours.evaluation!;
      expect(evaluation.tasks).toBe(20);
      expect(evaluation.lossKind).toBe('cross-entropy');
      expect(evaluation.models.map((m) => m.id)).toEqual(['maml', 'pretrained', 'scratch']);
      expectSameEvaluation(ours, theirs);
    });

    it('scores the 20 one-shot runs with prototypical networks as the runner does', () => {
      const sets = [...SMALL.filter((set) => !set.startsWith('iterations=')), 'iterations=3'];
      sets.push('algorithm=protonet');
      const { ours, theirs } = bothRuns(sets, [...ZIPS, RUNS], 'protonet');
      const score = ours.oneShotRuns!.score!;
      const reference = theirs.oneShotRuns!.score!;
      expect(score.runs).toHaveLength(20);
      expect(score.runs).toEqual(reference.runs);
      expect(score.steps).toBe(0);
      expect(score.errorRate).toBeCloseTo(reference.errorRate, 12);
      // Its encoder has no head; the baselines have one output per way, from the same streams.
      expect(ours.evaluation!.models.map((m) => m.id)).toEqual([
        'protonet',
        'pretrained',
        'scratch',
      ]);
      expectSameEvaluation(ours, theirs);
    });
  },
);

describe.skipIf(noTorch !== null)(`the exported Omniglot script on bad zips${torchNote}`, () => {
  const script = (): string => exported(configWith(...SMALL), 'bad-input.py');

  function expectRefused(run: PythonRun, says: string): void {
    expect(run.status).toBe(EXIT_BAD_INPUT);
    expect(run.stderr).toContain(says);
    expect(run.stderr).not.toContain('Traceback');
  }

  it('names a zip that is not there', () => {
    const missing = join(folder, 'images_background.zip');
    expectRefused(runPython([script(), '--omniglot', missing]), `${missing} is not a file`);
  });

  it('names a file that is not an Omniglot zip', () => {
    const notZip = join(folder, 'notes.zip');
    writeFileSync(notZip, 'not a zip at all');
    expectRefused(runPython([script(), '--omniglot', notZip]), 'error: ');
  });
});

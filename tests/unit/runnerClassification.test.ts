import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli';
import { alphabetsZip, bandDrawing, drawing, runsZip } from '../helpers/omniglotFixtures';

const EXIT_OK = 0;
const EXIT_BAD_INPUT = 2;

const dir = mkdtempSync(join(tmpdir(), 'runner-classification-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function sets(...pairs: string[]): string[] {
  return pairs.flatMap((pair) => ['--set', pair]);
}

const TINY = sets(
  'ways=3',
  'shots=1',
  'query=2',
  'metaBatch=2',
  'filters=3',
  'imageSize=10',
  'iterations=3',
  'testInnerSteps=1',
  'evalTasks=4',
  'evalQuery=2',
);

/** Three alphabets of three characters; each character is a band of its own width. */
function alphabetsFile(): string {
  const tree: Record<string, Record<string, Record<string, Uint8Array>>> = {};
  ['Aa', 'Bb', 'Cc'].forEach((alphabet, a) => {
    tree[alphabet] = {};
    for (let c = 0; c < 3; c++) {
      const drawings: Record<string, Uint8Array> = {};
      for (let d = 0; d < 20; d++) drawings[`${d}.png`] = bandDrawing(8 + 30 * a + 8 * c);
      tree[alphabet][`character0${c + 1}`] = drawings;
    }
  });
  const path = join(dir, 'images_background_tiny.zip');
  writeFileSync(path, alphabetsZip('images_background_tiny', tree));
  return path;
}

/** Two 3-way runs whose classes are horizontal bands at different heights. */
function runsFile(): string {
  const band = (row: number) => drawing((_, y) => y >= row && y < row + 20);
  const classes = [band(5), band(40), band(75)];
  const run = (name: string) => ({ name, training: classes, test: classes, answers: [0, 1, 2] });
  const path = join(dir, 'all_runs.zip');
  writeFileSync(path, runsZip([run('run01'), run('run02')]));
  return path;
}

describe('experiment runner on classification tasks', () => {
  it('meta-trains on glyphs and reports held-out accuracy for each model', () => {
    const out = join(dir, 'glyphs.json');
    const run = runCli([...sets('task=glyphs'), ...TINY, '--out', out]);
    expect(run.status).toBe(EXIT_OK);
    expect(run.stderr).toMatch(/Held-out cross-entropy over 4 tasks/);
    expect(run.stderr).toMatch(/Held-out accuracy over 4 tasks/);
    const results = JSON.parse(readFileSync(out, 'utf8')) as {
      metaTrainAccuracy: number[];
      evaluation: {
        lossKind: string;
        models: { id: string; accuracy: { mean: number[]; ci95: number[] } | null }[];
      };
    };
    expect(results.metaTrainAccuracy).toHaveLength(3);
    expect(results.evaluation.lossKind).toBe('cross-entropy');
    const models = results.evaluation.models;
    expect(models.map((model) => model.id)).toEqual(['maml', 'pretrained', 'scratch']);
    for (const model of models) {
      // Before adaptation and after the one test step.
      expect(model.accuracy?.mean, model.id).toHaveLength(2);
      for (const value of model.accuracy!.mean) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
    }
  });

  it('refuses an Omniglot run without --data, saying which files to give', () => {
    const run = runCli([...sets('task=omniglot'), ...TINY]);
    expect(run.status).toBe(EXIT_BAD_INPUT);
    expect(run.stderr).toMatch(/images_background\.zip/);
    expect(run.stderr).toMatch(/Nothing was run/);
  });

  it('refuses a --data file that is not an Omniglot zip, naming it', () => {
    const path = join(dir, 'notes.zip');
    writeFileSync(path, 'just text');
    const run = runCli([...sets('task=omniglot'), ...TINY, '--data', path]);
    expect(run.status).toBe(EXIT_BAD_INPUT);
    expect(run.stderr).toContain(path);
    expect(run.stderr).toMatch(/zip/i);
  });

  it('trains prototypical networks on Omniglot zips and scores the one-shot runs', () => {
    const out = join(dir, 'omniglot.json');
    const run = runCli([
      ...sets('task=omniglot', 'algorithm=protonet', 'rotations=false'),
      ...TINY,
      '--data',
      alphabetsFile(),
      '--data',
      runsFile(),
      '--out',
      out,
    ]);
    expect(run.status).toBe(EXIT_OK);
    expect(run.stderr).toMatch(/Loaded images_background_tiny\.zip: 3 alphabets, 9 characters/);
    expect(run.stderr).toMatch(/one-shot runs .*error/);
    const results = JSON.parse(readFileSync(out, 'utf8')) as {
      oneShotRuns: { score: { runs: { errors: number; items: number }[]; errorRate: number } };
      data: { heldOutAlphabets: string[] };
    };
    const { score } = results.oneShotRuns;
    expect(score.runs).toHaveLength(2);
    expect(score.runs[0]!.items).toBe(3);
    const mean = score.runs.reduce((sum, r) => sum + r.errors / r.items, 0) / 2;
    expect(score.errorRate).toBeCloseTo(mean, 10);
    // Three alphabets: the last in name order is held out.
    expect(results.data.heldOutAlphabets).toEqual(['Cc']);
  });

  it('explains that MAML needs a 20-way head for the 20-way runs instead of failing', () => {
    const out = join(dir, 'maml-runs.json');
    const run = runCli([
      ...sets('task=omniglot', 'algorithm=maml', 'rotations=false'),
      // Two ways instead of TINY's three.
      ...TINY.map((arg) => (arg === 'ways=3' ? 'ways=2' : arg)),
      '--data',
      alphabetsFile(),
      '--data',
      runsFile(),
      '--out',
      out,
    ]);
    expect(run.status).toBe(EXIT_OK);
    expect(run.stderr).toMatch(/runs are 3-way, but this MAML network was trained with 2 ways/);
  });
});

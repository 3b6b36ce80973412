import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULTS_FORMAT } from '../../src/core/results/resultsFile';
import { REPO_ROOT, runCli } from '../helpers/runCli';

interface Curve {
  readonly mean: number[];
  readonly ci95: number[];
}
interface CompareResults {
  readonly format: number;
  readonly config: { readonly compare: string[] };
  readonly metaTrainLoss: number[];
  readonly evaluation: {
    readonly steps: number[];
    readonly models: {
      readonly id: string;
      readonly role: string;
      readonly iteration: number;
      readonly loss: Curve;
      readonly msPerIteration: number | null;
      readonly divergence: string | null;
    }[];
  };
}

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'compare-runner-test-'));
});
afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

const SMALL = ['iterations=20', 'evalTasks=15', 'testInnerSteps=2', 'metaBatch=4', 'seed=2'];
const sets = (pairs: string[]): string[] => pairs.flatMap((pair) => ['--set', pair]);

describe('runner: a comparison of algorithms', () => {
  it('trains every compared algorithm and prints one table of them on the same tasks', () => {
    const out = join(dir, 'compare.json');
    const run = runCli([...sets([...SMALL, 'compare=maml,reptile']), '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('Comparison on the same 15 held-out tasks, MSE');
    expect(run.stderr).toMatch(/\nMAML +\d/);
    expect(run.stderr).toMatch(/\nReptile +\d/);
    expect(run.stderr).toMatch(/\nscratch +\d/);

    const results = JSON.parse(readFileSync(out, 'utf8')) as CompareResults;
    expect(results.format).toBe(RESULTS_FORMAT);
    expect(results.config.compare).toEqual(['maml', 'reptile']);
    const models = results.evaluation.models;
    // The compared learners in the order asked for, then both baselines, trained once.
    expect(models.map((m) => m.id)).toEqual(['maml', 'reptile', 'pretrained', 'scratch']);
    expect(models.map((m) => m.role)).toEqual(['learner', 'learner', 'baseline', 'baseline']);
    for (const entry of models) {
      expect(entry.iteration).toBe(entry.id === 'scratch' ? 0 : 20);
      expect(entry.divergence).toBeNull();
      expect(entry.loss.mean).toHaveLength(3);
      expect(entry.loss.mean.every((m) => Number.isFinite(m) && m > 0)).toBe(true);
    }
    for (const learner of models.filter((m) => m.role === 'learner')) {
      expect(learner.msPerIteration).toBeGreaterThan(0);
    }

    // A single run of one of them gives the same row in the table script.
    const single = join(dir, 'reptile.json');
    const alone = runCli([...sets([...SMALL, 'algorithm=reptile']), '--out', single]);
    expect(alone.status, alone.stderr).toBe(0);
    const table = spawnSync(
      join(REPO_ROOT, 'node_modules', '.bin', 'tsx'),
      [join('src', 'cli', 'algorithmsTable.ts'), out, single],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );
    expect(table.status, table.stderr).toBe(0);
    const rows = table.stdout.split('\n').filter((line) => line.startsWith('| '));
    const named = (name: string) => rows.filter((row) => row.startsWith(`| ${name} |`));
    expect(named('MAML')).toHaveLength(1);
    expect(named('Reptile')).toHaveLength(2);
    expect(named('pretrained')).toHaveLength(1);
    expect(named('scratch')).toHaveLength(1);
    // Same seed and tasks: the comparison's Reptile row equals the single run's, cell for cell.
    const cells = (row: string) => row.split('|').slice(2, 7).join('|');
    expect(cells(named('Reptile')[0]!)).toBe(cells(named('Reptile')[1]!));
  });

  it('refuses a comparison naming an algorithm the task cannot run', () => {
    const run = runCli([...sets(['compare=maml,protonet'])]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Prototypical networks cannot run on sinusoid/);
    expect(run.stderr).toContain('Nothing was run.');
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseResults, type Results } from '../../src/core/results/resultsFile';
import { runCli } from '../helpers/runCli';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'seeds-runner-test-'));
});
afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

const SMALL = ['iterations=15', 'evalTasks=12', 'testInnerSteps=2', 'metaBatch=4'];
const sets = (pairs: string[]): string[] => pairs.flatMap((pair) => ['--set', pair]);

function run(pairs: string[], name: string): Results {
  const out = join(dir, name);
  const cli = runCli([...sets(pairs), '--backend', 'wasm', '--out', out]);
  expect(cli.status, cli.stderr).toBe(0);
  const read = parseResults(readFileSync(out, 'utf8'));
  if (!read.ok) throw new Error(read.message);
  return read.results;
}

describe('the runner with seeds=2', () => {
  it('runs seeds 7 and 8 as two runs of one seed, and summarises them across seeds', () => {
    const both = run([...SMALL, 'seed=7', 'seeds=2'], 'both.json');
    const second = run([...SMALL, 'seed=8'], 'second.json');
    expect(both.config.seeds).toBe(2);
    expect(both.seedRuns.map((seedRun) => seedRun.seed)).toEqual([7, 8]);
    // The second seed is exactly the run of seed 8 alone: same training, same held-out tasks.
    const [, eight] = both.seedRuns;
    expect(eight!.metaTrainLoss).toEqual(second.metaTrainLoss);
    // Everything but the timings, which are the machine's.
    const untimed = (r: Results['evaluation']) =>
      r!.models.map((model) => ({ ...model, msPerIteration: 0 }));
    expect(untimed(eight!.evaluation)).toEqual(untimed(second.evaluation));

    // Two seeds' means a and b: mean (a + b) / 2, interval t(0.975, 1) * |a - b| / 2.
    const summary = both.evaluation!;
    for (const [m, model] of summary.models.entries()) {
      for (let step = 0; step < summary.steps.length; step++) {
        const [a, b] = both.seedRuns.map((r) => r.evaluation!.models[m]!.loss.mean[step]!);
        expect(model.loss.mean[step]).toBeCloseTo((a! + b!) / 2, 12);
        expect(model.loss.ci95[step]).toBeCloseTo((12.706 * Math.abs(a! - b!)) / 2, 10);
      }
    }
    const [seven] = both.seedRuns;
    expect(both.metaTrainLoss[3]).toBeCloseTo(
      (seven!.metaTrainLoss[3]! + eight!.metaTrainLoss[3]!) / 2,
      12,
    );
    expect(both.iterations).toBe(15);
  });

  it('refuses a checkpoint, which keeps one seed, and runs nothing', () => {
    const cli = runCli([...sets([...SMALL, 'seed=7', 'seeds=3']), '--save', join(dir, 'c.json')]);
    expect(cli.status).toBe(2);
    expect(cli.stderr).toMatch(/--save, --save-state and --resume keep one seed's run/);
    expect(cli.stderr).not.toMatch(/Seed 7/);
  });

  it('refuses seeds outside 1 to 20', () => {
    const cli = runCli(sets([...SMALL, 'seeds=21']));
    expect(cli.status).toBe(2);
    expect(cli.stderr).toMatch(/seeds/);
  });
});

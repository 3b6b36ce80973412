/**
 * Checkpoints in the runner: a run saved half way and resumed gives, bit for bit, the losses,
 * held-out curves and parameters of the uninterrupted run, and its checkpoints keep every
 * iteration's loss from the first; a damaged or foreign checkpoint, or
 * settings given beside one, are refused with exit 2 before anything runs.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCheckpoint } from '../../src/core/trainer/checkpointFile';
import type { TrainingCurves } from '../../src/core/trainer/trainingCurves';
import { runCli } from '../helpers/runCli';

const dir = mkdtempSync(join(tmpdir(), 'checkpoint-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const SETTINGS = ['metaBatch=3', 'evalTasks=20', 'seed=4'].flatMap((pair) => ['--set', pair]);

interface Written {
  readonly metaTrainLoss: number[];
  readonly parameters: number[][];
  readonly evaluation: { models: { id: string; loss: unknown; msPerIteration: unknown }[] };
}

function results(path: string): Written {
  return JSON.parse(readFileSync(path, 'utf8')) as Written;
}

/** The exact curves a checkpoint file keeps (they must be there). */
function checkpointCurves(path: string): TrainingCurves {
  const read = readCheckpoint(JSON.parse(readFileSync(path, 'utf8')));
  if (!read.ok) throw new Error(read.message);
  if (read.curves === null) throw new Error(`${path} has no curves`);
  return read.curves;
}

/** The evaluation without the wall-clock timings, which no two runs share. */
function curves(written: Written): unknown {
  return written.evaluation.models.map(({ id, loss }) => ({ id, loss }));
}

describe('runner checkpoints', () => {
  it('resumes a saved run exactly where it was', () => {
    const whole = join(dir, 'whole.json');
    const half = join(dir, 'half.json');
    const rest = join(dir, 'rest.json');
    const checkpoint = join(dir, 'checkpoint.json');
    const run = (...args: string[]) => {
      const done = runCli(['--backend', 'cpu', ...args]);
      expect(done.status, done.stderr).toBe(0);
      return done;
    };
    run(...SETTINGS, '--set', 'iterations=12', '--out', whole);
    const resumedCheckpoint = join(dir, 'resumed-checkpoint.json');
    run(...SETTINGS, '--set', 'iterations=5', '--save', checkpoint, '--out', half);
    const saved = checkpointCurves(checkpoint);
    run(
      '--resume',
      checkpoint,
      '--set',
      'iterations=12',
      '--out',
      rest,
      '--save',
      resumedCheckpoint,
    );

    const [a, b, c] = [results(whole), results(half), results(rest)];
    expect([...b.metaTrainLoss, ...c.metaTrainLoss]).toEqual(a.metaTrainLoss);
    // Each checkpoint carries every iteration's loss from the first, the resumed one included.
    expect(saved.firstIteration).toBe(1);
    expect(Array.from(saved.metaTrainLoss)).toEqual(b.metaTrainLoss.map(Math.fround));
    const continued = checkpointCurves(resumedCheckpoint);
    expect(continued.firstIteration).toBe(1);
    expect(Array.from(continued.metaTrainLoss)).toEqual(a.metaTrainLoss.map(Math.fround));
    expect(c.parameters).toEqual(a.parameters);
    expect(curves(c)).toEqual(curves(a));
  });

  it('refuses a damaged or foreign checkpoint, or settings beside one, before running', () => {
    const good = join(dir, 'good.json');
    expect(runCli([...SETTINGS, '--set', 'iterations=2', '--save', good]).status).toBe(0);
    const saved = JSON.parse(readFileSync(good, 'utf8')) as { models: { values: string[] }[] };
    const cases: [string, string, RegExp][] = [
      ['not-json.json', '{"kind": "meta-lea', /cannot read it/],
      ['foreign.json', JSON.stringify({ foo: 1 }), /not a checkpoint.*kind is missing/],
      [
        'damaged.json',
        JSON.stringify({ ...saved, models: [{ ...saved.models[0], values: ['@@@@'] }] }),
        /models\[0\]\.values\[0\]/,
      ],
      ['newer.json', JSON.stringify({ ...saved, version: 99 }), /version 99 is newer/],
    ];
    for (const [name, content, message] of cases) {
      const path = join(dir, name);
      writeFileSync(path, content);
      const refused = runCli(['--resume', path]);
      expect(refused.status, name).toBe(2);
      expect(refused.stderr).toMatch(message);
      expect(refused.stderr).toContain('Nothing was run.');
    }
    const beside = runCli(['--resume', good, '--set', 'shots=5']);
    expect(beside.status).toBe(2);
    expect(beside.stderr).toContain('only --set iterations=N');
  });
});

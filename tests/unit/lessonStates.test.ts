/**
 * The lessons' starting states: every lesson has one in public/lessons/, made for its settings
 * and trained as far as the lesson says, all of them within a few hundred KB; the documented
 * runner command makes them (lesson 1's is made again here and matches the shipped one); a lean
 * state leaves out what it says, restores into a fresh trainer and trains on; its history is
 * checked against the iterations it claims.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLink } from '../../src/core/config';
import { LESSONS } from '../../src/core/lessons/lessons';
import { lessonStatePath, readLessonState } from '../../src/core/lessons/lessonState';
import { base64ToFloat32 } from '../../src/core/math/base64';
import { checkpointJson, readCheckpoint } from '../../src/core/trainer/checkpointFile';
import { createTrainer, restoreTrainer } from '../../src/core/trainer/createTrainer';
import { HISTORY_POINTS, historyStride, trainingHistory } from '../../src/core/trainer/history';
import { startBackend } from '../../src/cli/nodeBackend';
import { REPO_ROOT, runCli } from '../helpers/runCli';

/** "A few hundred KB in all": the page downloads one state per lesson opened. */
const BUDGET_BYTES = 400 * 1024;

const dir = mkdtempSync(join(tmpdir(), 'lesson-states-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function shipped(path: string): unknown {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'public', path), 'utf8'));
}

describe('the shipped lesson states', () => {
  it('match their lessons, stop part-way, and fit the budget together', () => {
    let total = 0;
    for (const lesson of LESSONS) {
      const path = lessonStatePath(lesson);
      total += statSync(join(REPO_ROOT, 'public', path)).size;
      const read = readLessonState(shipped(path), lesson, 'wasm');
      expect(read.ok, `lesson ${lesson.number}: ${read.ok ? '' : read.message}`).toBe(true);
      if (!read.ok) continue;
      const { snapshot, history } = read.state;
      expect(snapshot.iteration, `lesson ${lesson.number}`).toBe(lesson.startIteration);
      expect(snapshot.config.backend).toBe('wasm');
      expect(history.metaTrainLoss.length * history.stride).toBe(lesson.startIteration);
      expect(snapshot.models.every((model) => model.optimiser === null)).toBe(true);
    }
    expect(total).toBeLessThan(BUDGET_BYTES);
  });

  it('are refused for a lesson whose settings changed', () => {
    const [first, second] = LESSONS;
    const read = readLessonState(shipped(lessonStatePath(first!)), second!, 'auto');
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.message).toContain('other settings than lesson 2');
  });

  it('are what the documented runner command makes (lesson 1, made again)', () => {
    const lesson = LESSONS[0]!;
    const path = join(dir, 'lesson-1.json');
    const args = ['--url', '?lesson=1', '--set', `iterations=${lesson.startIteration}`];
    const run = runCli([
      ...args,
      '--backend',
      'wasm',
      '--save-state',
      path,
      '--out',
      join(dir, 'r'),
    ]);
    expect(run.status, run.stderr).toBe(0);
    const made = readLessonState(JSON.parse(readFileSync(path, 'utf8')), lesson, 'auto');
    const ours = readLessonState(shipped(lessonStatePath(lesson)), lesson, 'auto');
    if (!made.ok || !ours.ok) throw new Error('a state did not read');
    expect(made.state.snapshot.taskRng).toEqual(ours.state.snapshot.taskRng);
    expect(made.state.snapshot.models.map((m) => m.id)).toEqual(
      ours.state.snapshot.models.map((m) => m.id),
    );
    // The same run on the same kernels; a machine with other SIMD may round differently.
    made.state.snapshot.models.forEach((model, i) => {
      model.values.forEach((values, j) => {
        const theirs = ours.state.snapshot.models[i]!.values[j]!;
        const worst = values.reduce((w, v, k) => Math.max(w, Math.abs(v - theirs[k]!)), 0);
        expect(worst, `${model.id} values[${j}]`).toBeLessThan(1e-3);
      });
    });
    expect(made.state.history.metaTrainLoss.length).toBe(ours.state.history.metaTrainLoss.length);
  });
});

describe('a lean checkpoint', () => {
  beforeAll(async () => {
    await startBackend('wasm');
  });

  const config = parseLink('?iterations=40&metaBatch=3&evalTasks=10&seed=5').config;

  it('leaves out the optimiser moments, timings and the scratch network, and trains on', async () => {
    const trainer = createTrainer(config, null);
    const losses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const step = await trainer.step();
      if (!step.ok) throw new Error('the run stopped');
      losses.push(step.metrics.metaTrainLoss);
    }
    const history = trainingHistory({
      metaTrainLoss: losses,
      metaTrainAccuracy: [],
      comparedLoss: [],
    });
    const json: unknown = JSON.parse(
      JSON.stringify(checkpointJson(trainer.snapshot(), { lean: true, history })),
    );
    const models = (json as { models: unknown }).models as {
      id: string;
      optimiser: unknown;
      values: string[];
      milliseconds: number;
    }[];
    expect(models.every((m) => m.optimiser === null && m.milliseconds === 0)).toBe(true);
    expect(models.find((m) => m.id === 'scratch')!.values).toEqual([]);
    const full = JSON.stringify(checkpointJson(trainer.snapshot()));
    expect(JSON.stringify(json).length).toBeLessThan(full.length / 2);

    const read = readCheckpoint(json);
    if (!read.ok) throw new Error(read.message);
    expect(read.history?.metaTrainLoss.length).toBe(6 / read.history!.stride);
    const resumed = restoreTrainer(read.snapshot, null);
    expect(resumed.iteration).toBe(6);
    // The learner's values are the saved ones; scratch keeps a fresh run's (the same draw).
    const lead = models[0]!;
    expect(Array.from(resumed.lead.values[0]!)).toEqual(
      Array.from(base64ToFloat32(lead.values[0]!)!),
    );
    const fresh = createTrainer(config, null)
      .snapshot()
      .models.find((m) => m.id === 'scratch')!;
    const kept = resumed.snapshot().models.find((m) => m.id === 'scratch')!;
    expect(kept.values).toEqual(fresh.values);
    const next = await resumed.step();
    expect(next.ok && Number.isFinite(next.metrics.metaTrainLoss)).toBe(true);
    expect(resumed.iteration).toBe(7);
  });

  it('refuses a history that does not cover the iterations it claims', () => {
    const trainer = createTrainer(config, null);
    const history = { stride: 2, metaTrainLoss: [1, 2], metaTrainAccuracy: [], comparedLoss: [] };
    // Iteration 0 with two points of two iterations: four iterations the checkpoint never trained.
    const json: unknown = JSON.parse(
      JSON.stringify(checkpointJson(trainer.snapshot(), { lean: true, history })),
    );
    const read = readCheckpoint(json);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.message).toContain('history.metaTrainLoss holds 2 points of 2');
  });
});

describe('historyStride', () => {
  it('divides the iterations into at most HISTORY_POINTS whole points', () => {
    for (const iterations of [1, 7, 20, 200, 201, 300, 1000, 4096, 997, 20_000]) {
      const stride = historyStride(iterations);
      expect(iterations % stride, String(iterations)).toBe(0);
      expect(iterations / stride).toBeLessThanOrEqual(HISTORY_POINTS);
    }
    expect(historyStride(300)).toBe(2);
    expect(historyStride(0)).toBe(1);
  });

  it('averages each stride of the curve, and marks stopped points NaN', () => {
    const history = trainingHistory({
      metaTrainLoss: [4, 2, 3, 1],
      metaTrainAccuracy: [],
      comparedLoss: [[1, 1, Number.NaN, Number.NaN]],
    });
    expect(history.stride).toBe(1);
    const long = trainingHistory({
      metaTrainLoss: Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? 1 : 3)),
      metaTrainAccuracy: [],
      comparedLoss: [],
    });
    expect(long.stride).toBe(2);
    expect(long.metaTrainLoss.every((value) => value === 2)).toBe(true);
    expect(history.comparedLoss[0]!.slice(2).every(Number.isNaN)).toBe(true);
  });
});

/**
 * Checkpoint files of version 2 carry every iteration's numbers exactly (float32, NaN included)
 * and are checked against the iterations they claim; a version 1 file still reads, with no
 * curves; a newer version is refused with the reason. The worker's recorder keeps the curves a
 * checkpoint is made from, going on from a resumed checkpoint's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseLink } from '../../src/core/config';
import { startBackend } from '../../src/cli/nodeBackend';
import {
  CHECKPOINT_VERSION,
  checkpointJson,
  readCheckpoint,
} from '../../src/core/trainer/checkpointFile';
import { createTrainer } from '../../src/core/trainer/createTrainer';
import type { StepMetrics, TrainerSnapshot } from '../../src/core/trainer';
import type { TrainingCurves } from '../../src/core/trainer/trainingCurves';
import { CurveRecorder } from '../../src/core/trainer/curveRecorder';

const config = parseLink('?iterations=40&metaBatch=3&evalTasks=10&seed=7').config;
const ITERATIONS = 4;

let snapshot: TrainerSnapshot;
let curves: TrainingCurves;

beforeAll(async () => {
  await startBackend('cpu');
  const trainer = createTrainer(config, null);
  const recorder = new CurveRecorder();
  recorder.restart(0, null);
  for (let i = 0; i < ITERATIONS; i++) {
    const step = await trainer.step();
    if (!step.ok) throw new Error('the run stopped');
    recorder.add(step.metrics);
  }
  snapshot = trainer.snapshot();
  curves = recorder.current();
});

/** The file as it would be written and read back. */
function roundTrip(json: unknown): unknown {
  return JSON.parse(JSON.stringify(json));
}

/** Bit patterns, so NaN and -0 compare exactly. */
const bits = (values: Float32Array) => Array.from(new Uint32Array(values.slice().buffer));

describe('a checkpoint with its curves', () => {
  it('keeps every iteration’s numbers bit for bit', () => {
    const read = readCheckpoint(roundTrip(checkpointJson(snapshot, { curves })));
    if (!read.ok) throw new Error(read.message);
    expect(read.curves).not.toBeNull();
    const back = read.curves!;
    expect(back.firstIteration).toBe(1);
    expect(back.metaTrainLoss.length).toBe(ITERATIONS);
    expect(bits(back.metaTrainLoss)).toEqual(bits(curves.metaTrainLoss));
    expect(bits(back.pretrainedLoss)).toEqual(bits(curves.pretrainedLoss));
    // Regression reports NaN accuracies: they survive as NaN.
    expect(Array.from(back.metaTrainAccuracy).every(Number.isNaN)).toBe(true);
    expect(bits(back.metaTrainAccuracy)).toEqual(bits(curves.metaTrainAccuracy));
    expect(back.comparedLoss).toEqual([]);
    expect(read.snapshot.iteration).toBe(ITERATIONS);
  });

  it('holds each loss as the step reported it, rounded to float32', () => {
    expect(Array.from(curves.metaTrainLoss).every((v) => Number.isFinite(v) && v > 0)).toBe(true);
    expect(curves.metaTrainLoss[0]).toBe(Math.fround(curves.metaTrainLoss[0]!));
  });

  it('refuses curves that do not end at the checkpoint’s iteration', () => {
    const json = roundTrip(checkpointJson(snapshot, { curves })) as {
      curves: Record<string, unknown>;
    };
    const short = { ...json, curves: { ...json.curves, firstIteration: 2 } };
    const read = readCheckpoint(short);
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.message).toContain('curves.metaTrainLoss holds 4 values');
      expect(read.message).toContain('iterations 2 to 4');
    }
    const late = readCheckpoint({ ...json, curves: { ...json.curves, firstIteration: 6 } });
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.message).toContain('curves.firstIteration is 6');
  });

  it('reads a version 1 file, which has no curves, and refuses a newer version', () => {
    expect(CHECKPOINT_VERSION).toBe(2);
    // Version 1 as it was written: the same fields, no curves.
    const v1 = roundTrip(checkpointJson(snapshot)) as Record<string, unknown>;
    expect(Object.hasOwn(v1, 'curves')).toBe(false);
    const old = readCheckpoint({ ...v1, version: 1 });
    if (!old.ok) throw new Error(old.message);
    expect(old.curves).toBeNull();
    expect(old.snapshot.iteration).toBe(ITERATIONS);
    expect(old.snapshot.models.map((m) => m.values)).toEqual(snapshot.models.map((m) => m.values));

    const newer = readCheckpoint({ ...v1, version: 3 });
    expect(newer.ok).toBe(false);
    if (!newer.ok) expect(newer.message).toMatch(/version 3 is newer .*up to 2/);
  });
});

function metrics(iteration: number, loss: number): StepMetrics {
  return {
    iteration,
    metaTrainLoss: loss,
    taskLossBefore: new Float32Array(0),
    taskLossAfter: new Float32Array(0),
    pretrainedLoss: loss * 2,
    metaTrainAccuracy: Number.NaN,
    pretrainedAccuracy: Number.NaN,
    comparedLoss: [loss, Number.NaN],
  };
}

describe('the worker’s curve recorder', () => {
  it('goes on from a checkpoint’s curves and ignores iterations out of turn', () => {
    const recorder = new CurveRecorder();
    recorder.restart(2, {
      firstIteration: 1,
      metaTrainLoss: Float32Array.of(5, 4),
      pretrainedLoss: Float32Array.of(10, 8),
      metaTrainAccuracy: Float32Array.of(NaN, NaN),
      pretrainedAccuracy: Float32Array.of(NaN, NaN),
      comparedLoss: [Float32Array.of(5, 4), Float32Array.of(6, NaN)],
    });
    recorder.add(metrics(3, 3));
    recorder.add(metrics(3, 99)); // a step of a run already replaced
    recorder.add(metrics(5, 99));
    recorder.add(metrics(4, 2));
    const now = recorder.current();
    expect(now.firstIteration).toBe(1);
    expect(Array.from(now.metaTrainLoss)).toEqual([5, 4, 3, 2]);
    expect(Array.from(now.pretrainedLoss)).toEqual([10, 8, 6, 4]);
    expect(Array.from(now.comparedLoss[0]!)).toEqual([5, 4, 3, 2]);
    expect(now.comparedLoss[1]!.length).toBe(4);
  });

  it('starts afresh at the resumed iteration when the curves do not end there', () => {
    const recorder = new CurveRecorder();
    recorder.restart(7, {
      firstIteration: 1,
      metaTrainLoss: Float32Array.of(5, 4),
      pretrainedLoss: Float32Array.of(10, 8),
      metaTrainAccuracy: Float32Array.of(NaN, NaN),
      pretrainedAccuracy: Float32Array.of(NaN, NaN),
      comparedLoss: [],
    });
    for (let i = 8; i < 8 + 600; i++) recorder.add(metrics(i, i));
    const now = recorder.current();
    expect(now.firstIteration).toBe(8);
    expect(now.metaTrainLoss.length).toBe(600);
    expect(now.metaTrainLoss[599]).toBe(607);
    expect(now.comparedLoss.length).toBe(2);
  });
});

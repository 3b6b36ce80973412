/**
 * Telling a long iteration from a dead worker: the worker's expectation of its next piece of
 * work, the page's silence limit that follows it, and the run once a silent worker was stopped.
 * Also what the status says between Start and the first iteration.
 */
import { describe, expect, it } from 'vitest';
import {
  SILENCE_FLOOR_MS,
  SILENCE_PER_EXPECTED,
  isDeadSilence,
  silenceLimitMs,
} from '../../src/ui/worker/liveness';
import {
  ANNOUNCE_FROM_MS,
  UNKNOWN_ITERATION_MS,
  expectedIterationMs,
  worthAnnouncing,
} from '../../src/worker/stepExpectation';
import {
  initialRun,
  runAfterEvent,
  runAfterStartRequested,
  runAfterWorkerFailure,
  type RunSlice,
} from '../../src/ui/store/runSlice';
import { activityText } from '../../src/ui/store/activity';
import type { BackendMeasurement, WorkerEvent } from '../../src/worker/protocol';
import { configWith } from '../helpers/sessions';

const WEBGPU: BackendMeasurement = {
  backend: 'webgpu',
  outcome: 'measured',
  detail: 'second-order gradient check passed',
  checkPassed: true,
  adapter: 'google, swiftshader',
  software: true,
  firstIterationMs: 29_000,
  msPerIteration: 1100,
  timedIterations: 3,
  capMs: 30_000,
  stoppedAt: 'done',
};

describe("the page's silence limit", () => {
  it('never falls below the floor, and follows a long expectation', () => {
    expect(silenceLimitMs(0)).toBe(SILENCE_FLOOR_MS);
    expect(silenceLimitMs(5)).toBe(SILENCE_FLOOR_MS);
    expect(silenceLimitMs(25_000)).toBe(SILENCE_PER_EXPECTED * 25_000);
    expect(silenceLimitMs(Number.NaN)).toBe(SILENCE_FLOOR_MS);
  });

  it('calls a 25 s iteration alive at 30 s of silence, and a worker silent beyond the limit dead', () => {
    expect(isDeadSilence(30_000, 25_000)).toBe(false);
    expect(isDeadSilence(30_000, 0)).toBe(true);
    expect(isDeadSilence(SILENCE_PER_EXPECTED * 25_000 + 1, 25_000)).toBe(true);
  });
});

describe("the worker's expectation of its next iteration", () => {
  it('takes the last iteration of the run when there is one', () => {
    expect(expectedIterationMs({ lastIterationMs: 40, measurement: WEBGPU, warm: false })).toBe(40);
  });

  it('before any, the measured first iteration (compilation included), or the pace once warm', () => {
    expect(expectedIterationMs({ lastIterationMs: null, measurement: WEBGPU, warm: false })).toBe(
      29_000,
    );
    expect(expectedIterationMs({ lastIterationMs: null, measurement: WEBGPU, warm: true })).toBe(
      1100,
    );
  });

  it('allows for a long first iteration when nothing was measured', () => {
    expect(
      expectedIterationMs({ lastIterationMs: null, measurement: undefined, warm: false }),
    ).toBe(UNKNOWN_ITERATION_MS);
  });

  it('announces long work, and once more when work is short again', () => {
    expect(worthAnnouncing(5, 0)).toBe(false);
    expect(worthAnnouncing(ANNOUNCE_FROM_MS, 0)).toBe(true);
    expect(worthAnnouncing(5, 25_000)).toBe(true);
  });
});

describe('a silent worker, stopped', () => {
  const running: RunSlice = { ...initialRun(configWith()), state: 'running', backend: 'wasm' };

  it('leaves the run failed with the message, and no recovery offer from the dead worker', () => {
    const offer = { nextBackend: 'cpu' } as unknown as RunSlice['recovery'];
    const stopped = runAfterWorkerFailure(
      { ...running, recovery: offer },
      'The training worker had not answered for 21 s while training.',
      'silent',
    );
    expect(stopped.state).toBe('failed');
    expect(stopped.workerFailure?.message).toContain('21 s');
    expect(stopped.workerFailure?.kind).toBe('silent');
    expect(stopped.recovery).toBeNull();
    expect(stopped.iterationsPerSecond).toBe(0);
  });
});

describe('the status between Start and the first iteration', () => {
  const ready: RunSlice = { ...initialRun(configWith()), state: 'idle', backend: 'wasm' };

  it('says at once what happens, from what the page knows', () => {
    expect(runAfterStartRequested(ready).activity).toBe('First iteration on wasm…');
    const measuring = { ...ready, measuring: { backend: 'webgl', stage: 'checking' } as const };
    expect(runAfterStartRequested(measuring).activity).toBe('Measuring backends: webgl…');
    expect(runAfterStartRequested({ ...ready, backend: 'webgpu' }).activity).toContain(
      'compiling GPU kernels',
    );
  });

  it("takes the worker's word for it, and clears on the first iterations", () => {
    const phase: WorkerEvent = {
      type: 'phase',
      runId: 1,
      phase: { kind: 'first-iteration', backend: 'webgpu', compiling: true, expectedMs: 29_000 },
    };
    const compiling = runAfterEvent(runAfterStartRequested(ready), phase);
    expect(compiling.activity).toBe('Compiling GPU kernels on webgpu (about 29.0 s)…');
    const progress = (count: number): WorkerEvent => ({
      type: 'progress',
      runId: 1,
      state: 'running',
      firstIteration: 1,
      metaTrainLoss: new Float32Array(count),
      pretrainedLoss: new Float32Array(count),
      metaTrainAccuracy: new Float32Array(count),
      pretrainedAccuracy: new Float32Array(count),
      comparedLoss: null,
      taskLossBefore: new Float32Array(0),
      taskLossAfter: new Float32Array(0),
      iteration: count,
      iterationsPerSecond: 0,
    });
    expect(runAfterEvent(compiling, progress(0)).activity).not.toBeNull();
    expect(runAfterEvent(compiling, progress(1)).activity).toBeNull();
  });

  it('names the backend being measured', () => {
    expect(activityText({ kind: 'measuring', backend: 'webgpu', graceMs: 1500 })).toBe(
      'Measuring backends: webgpu…',
    );
  });
});

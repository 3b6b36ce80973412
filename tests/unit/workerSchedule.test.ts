/**
 * The worker's own schedule: when it evaluates on held-out tasks (the pure policy, then the
 * schedule that follows it, on a fake clock), when a watched view gets a new picture, and how a
 * watch ends.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Trainer } from '../../src/core/trainer';
import { noInsights } from '../../src/core/trainer/types';
import type { Clock } from '../../src/worker/clock';
import {
  EVALUATIONS_PER_RUN,
  INTERIM_EVALUATION_TASKS,
  MIN_EVALUATION_GAP_MS,
  PAUSE_PER_EVALUATION_TIME,
  afterEnd,
  afterStart,
  decideEvaluation,
  freshEvaluationMemory,
  type EvaluatedRun,
} from '../../src/worker/evaluationPolicy';
import { EvaluationSchedule } from '../../src/worker/evaluationSchedule';
import {
  PICTURE_PACING,
  afterPicture,
  decidePicture,
  forNewWatch,
  freshPictureMemory,
} from '../../src/worker/picturePolicy';
import type { WorkerEvent } from '../../src/worker/protocol';
import { Reply, ReplyBook } from '../../src/worker/replies';
import { ViewFeed, type Picture } from '../../src/worker/viewFeed';
import { WorkGate } from '../../src/worker/workGate';

/** A clock that moves only when told to, running the callbacks that fall due. */
class FakeClock implements Clock {
  private time = 0;
  private timers: { at: number; callback: () => void }[] = [];

  now(): number {
    return this.time;
  }

  after(ms: number, callback: () => void): () => void {
    const timer = { at: this.time + ms, callback };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const next = this.timers
        .filter((t) => t.at <= until)
        .sort((a, b) => a.at - b.at)
        .at(0);
      if (next === undefined) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.time = next.at;
      next.callback();
    }
    this.time = until;
  }

  get pending(): number {
    return this.timers.length;
  }
}

const ITERATIONS = 2000;
const EVERY = ITERATIONS / EVALUATIONS_PER_RUN;

function run(overrides: Partial<EvaluatedRun> = {}): EvaluatedRun {
  return {
    state: 'idle',
    iteration: 0,
    iterations: ITERATIONS,
    evalTasks: 300,
    diverged: false,
    ...overrides,
  };
}

const INTERIM = { kind: 'evaluate', tasks: INTERIM_EVALUATION_TASKS, final: false } as const;

describe('the evaluation policy', () => {
  it('evaluates a ready run at once, on at most the interim number of tasks, and only once', () => {
    const fresh = freshEvaluationMemory();
    expect(decideEvaluation(run(), fresh, 0)).toEqual(INTERIM);
    expect(decideEvaluation(run({ evalTasks: 30 }), fresh, 0)).toEqual({
      kind: 'evaluate',
      tasks: 30,
      final: false,
    });
    const started = afterStart(fresh, 0, false, 0);
    expect(decideEvaluation(run(), started, 10)).toEqual({ kind: 'wait', retryInMs: null });
    const ended = afterEnd(started, 500, 600);
    expect(decideEvaluation(run(), ended, 700)).toEqual({ kind: 'wait', retryInMs: null });
  });

  it('while training, evaluates every twentieth of the run, paced by the last one’s work time', () => {
    // Started before the starting point was evaluated: that comes first.
    expect(
      decideEvaluation(run({ state: 'running', iteration: 7 }), freshEvaluationMemory(), 0),
    ).toEqual(INTERIM);
    const workMs = 1500;
    const memory = afterEnd(afterStart(freshEvaluationMemory(), 0, false, 0), workMs, 3000);
    // Too few iterations since the last one: nothing, whatever the clock says.
    const early = run({ state: 'running', iteration: EVERY - 1 });
    expect(decideEvaluation(early, memory, 1e9)).toEqual({ kind: 'wait', retryInMs: null });
    // Enough iterations, but the pause after the last evaluation (four times its work) is not over.
    const due = run({ state: 'running', iteration: EVERY });
    const pauseEnds = 3000 + PAUSE_PER_EVALUATION_TIME * workMs;
    expect(decideEvaluation(due, memory, 5000)).toEqual({
      kind: 'wait',
      retryInMs: pauseEnds - 5000,
    });
    expect(decideEvaluation(due, memory, pauseEnds)).toEqual(INTERIM);
    // A quick evaluation still leaves the least gap between two.
    const quick = afterEnd(afterStart(freshEvaluationMemory(), 0, false, 100), 1, 150);
    expect(decideEvaluation(due, quick, 1000)).toEqual({
      kind: 'wait',
      retryInMs: 100 + MIN_EVALUATION_GAP_MS - 1000,
    });
  });

  it('evaluates where training paused, once, at least the gap after the last', () => {
    const memory = afterEnd(afterStart(freshEvaluationMemory(), 40, false, 1000), 200, 1300);
    const paused = run({ state: 'paused', iteration: 45 });
    expect(decideEvaluation(paused, memory, 1500)).toEqual({
      kind: 'wait',
      retryInMs: 1000 + MIN_EVALUATION_GAP_MS - 1500,
    });
    expect(decideEvaluation(paused, memory, 1000 + MIN_EVALUATION_GAP_MS)).toEqual(INTERIM);
    const again = afterStart(memory, 45, false, 3000);
    expect(decideEvaluation(paused, afterEnd(again, 10, 3100), 9e9)).toEqual({
      kind: 'wait',
      retryInMs: null,
    });
  });

  it('ends a finished or stopped run with one evaluation on every task, unless it diverged', () => {
    const memory = afterEnd(afterStart(freshEvaluationMemory(), 1900, false, 0), 10, 10);
    for (const state of ['finished', 'stopped'] as const) {
      const done = run({ state, iteration: ITERATIONS });
      expect(decideEvaluation(done, memory, 20)).toEqual({
        kind: 'evaluate',
        tasks: 300,
        final: true,
      });
      const final = afterEnd(afterStart(memory, ITERATIONS, true, 20), 10, 40);
      expect(decideEvaluation(done, final, 50)).toEqual({ kind: 'wait', retryInMs: null });
      // One still in flight is waited for first.
      expect(decideEvaluation(done, afterStart(memory, 1990, false, 15), 20).kind).toBe('wait');
    }
    const diverged = run({ state: 'finished', iteration: 30, diverged: true });
    expect(decideEvaluation(diverged, memory, 20)).toEqual({ kind: 'wait', retryInMs: null });
    expect(decideEvaluation(run({ state: 'failed' }), freshEvaluationMemory(), 0).kind).toBe(
      'wait',
    );
  });
});

/** A schedule on a fake clock whose evaluations end when the test says. */
function scheduleOn(clock: FakeClock, current: { run: EvaluatedRun | null }) {
  const started: {
    tasks: number | undefined;
    reply: Reply | null;
    end: (ms: number | null) => void;
  }[] = [];
  const schedule = new EvaluationSchedule({
    clock,
    run: () => current.run,
    evaluate: (tasks, reply) =>
      new Promise<number | null>((resolve) => {
        started.push({ tasks, reply, end: resolve });
      }),
  });
  return { schedule, started };
}

/** Lets the schedule see an evaluation's end (it follows a promise). */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('the evaluation schedule', () => {
  it('starts one evaluation at a time and wakes itself when the pause is over', async () => {
    const clock = new FakeClock();
    const current = { run: run() as EvaluatedRun | null };
    const { schedule, started } = scheduleOn(clock, current);
    schedule.check();
    schedule.check();
    expect(started.map((s) => s.tasks)).toEqual([INTERIM_EVALUATION_TASKS]);

    current.run = run({ state: 'running', iteration: EVERY });
    clock.advance(3000);
    schedule.check();
    expect(started).toHaveLength(1);
    started[0]!.end(1000);
    await settle();
    // Ended at 3000 after 1000 ms of work: the next is due at 7000, with no further check.
    expect(started).toHaveLength(1);
    clock.advance(3999);
    expect(started).toHaveLength(1);
    clock.advance(1);
    expect(started).toHaveLength(2);
  });

  it('lets an evaluation asked for replace the one in flight, whose end no longer counts', async () => {
    const clock = new FakeClock();
    const current = { run: run({ state: 'paused', iteration: 10 }) as EvaluatedRun | null };
    const { schedule, started } = scheduleOn(clock, current);
    schedule.check();
    const asked = new Reply(
      () => undefined,
      1,
      7,
      () => undefined,
    );
    schedule.evaluateNow(undefined, asked);
    expect(started.map((s) => s.reply)).toEqual([null, asked]);
    started[0]!.end(null);
    await settle();
    schedule.check();
    expect(started).toHaveLength(2);
    started[1]!.end(50);
    await settle();
    // The one asked for evaluated iteration 10: paused there, nothing more is due.
    clock.advance(60_000);
    expect(started).toHaveLength(2);
  });

  it('starts over for a new run, and schedules nothing when turned off', async () => {
    const clock = new FakeClock();
    const current = { run: run() as EvaluatedRun | null };
    const { schedule, started } = scheduleOn(clock, current);
    schedule.check();
    schedule.restart(true);
    started[0]!.end(10);
    await settle();
    // The old run's evaluation neither counts nor holds up the new run's starting point.
    expect(started).toHaveLength(1);
    schedule.check();
    expect(started).toHaveLength(2);
    schedule.restart(false);
    schedule.check();
    current.run = run({ state: 'finished', iteration: ITERATIONS });
    schedule.check();
    expect(started).toHaveLength(2);
    current.run = null;
    schedule.restart(true);
    schedule.check();
    expect(started).toHaveLength(2);
    expect(clock.pending).toBe(0);
  });
});

describe('pictures of a watched view', () => {
  const training = (iteration: number) => ({ iteration, training: true });

  it('come at once for a new watch, then only when the parameters changed', () => {
    expect(decidePicture(training(5), freshPictureMemory(), 0)).toEqual({ kind: 'picture' });
    const shown = afterPicture(5, 0, 20, 20);
    expect(decidePicture(training(5), shown, 1e9)).toEqual({ kind: 'wait', retryInMs: null });
    expect(decidePicture({ iteration: 6, training: false }, shown, 21)).toEqual({
      kind: 'picture',
    });
    // New points are owed a picture at once, even while training.
    expect(decidePicture(training(5), forNewWatch(shown), 21)).toEqual({ kind: 'picture' });
  });

  it('are paced while training: a least gap, and a pause after each of twice its work', () => {
    const { minGapMs, pausePerWork } = PICTURE_PACING;
    const quick = afterPicture(5, 100, 110, 10);
    expect(decidePicture(training(9), quick, 500)).toEqual({
      kind: 'wait',
      retryInMs: 100 + minGapMs - 500,
    });
    expect(decidePicture(training(9), quick, 100 + minGapMs)).toEqual({ kind: 'picture' });
    const slow = afterPicture(5, 100, 900, 800);
    const dueAt = 900 + pausePerWork * 800;
    expect(decidePicture(training(9), slow, 1200)).toEqual({
      kind: 'wait',
      retryInMs: dueAt - 1200,
    });
    expect(decidePicture(training(9), slow, dueAt)).toEqual({ kind: 'picture' });
  });
});

describe('a watched view', () => {
  /** A feed whose pictures are made by `picture`, of a stand-in trainer at `iteration`. */
  function feedOf(picture: () => Promise<Picture>) {
    const clock = new FakeClock();
    const gate = new WorkGate();
    const current = { runId: 1, trainer: { iteration: 0 } as unknown as Trainer };
    const sent: WorkerEvent[] = [];
    const replies = new ReplyBook((event) => {
      sent.push(event);
    });
    const feed = new ViewFeed<null>({
      kind: { refusal: () => null, picture },
      clock,
      gate,
      source: () => ({ ...current, training: false }),
    });
    return { feed, gate, current, sent, replies };
  }

  const picture = (requestId: number): Picture => ({
    event: { type: 'insights', runId: 1, requestId, insights: noInsights(0) },
    transfer: [],
  });

  it('is not held up in a new run by a picture of the old one that never ends', async () => {
    let calls = 0;
    const { feed, gate, current, sent, replies } = feedOf(() => {
      calls += 1;
      return calls === 1 ? new Promise<Picture>(() => undefined) : Promise.resolve(picture(2));
    });
    gate.newRun(1);
    feed.start(replies.open(1, 1), null);
    await vi.waitFor(() => {
      expect(calls).toBe(1);
    });
    gate.newRun(2);
    feed.clear();
    current.runId = 2;
    feed.start(replies.open(2, 2), null);
    await vi.waitFor(() => {
      expect(sent.map((event) => [event.type, 'requestId' in event && event.requestId])).toEqual([
        ['requestEnded', 1],
        ['insights', 2],
      ]);
    });
  });

  it('ends once when a picture fails, and sends nothing more as the parameters change', async () => {
    const { feed, gate, current, sent, replies } = feedOf(() =>
      Promise.reject(new Error('the backend broke')),
    );
    gate.newRun(1);
    feed.start(replies.open(1, 1), null);
    await vi.waitFor(() => {
      expect(sent).toHaveLength(1);
    });
    current.trainer = { iteration: 5 } as unknown as Trainer;
    feed.check();
    await settle();
    expect(sent).toEqual([
      {
        type: 'requestEnded',
        runId: 1,
        requestId: 1,
        outcome: 'failed',
        message: 'the backend broke',
      },
    ]);
  });
});

/**
 * The worker's `snapshot` request, with the worker's own run controller on the tfjs CPU backend:
 * asked while training runs, it answers a state between two iterations (a trainer restored from
 * it computes exactly the next iteration the run reported) with every iteration's loss so far; a
 * run resumed with those curves carries them on; a request of a replaced run ends as cancelled.
 * A step's read-back can be truly asynchronous (WebGL), so the state is taken only when no step
 * is in flight, also when the next step begins the moment one ends.
 */
import { describe, expect, it, vi } from 'vitest';
import { restoreTrainer } from '../../src/core/trainer/createTrainer';
import type { WorkerEvent } from '../../src/worker/protocol';
import { RunController } from '../../src/worker/runController';
import { StepLatch } from '../../src/worker/stepLatch';
import { configWith } from '../helpers/sessions';

type Answer = Extract<WorkerEvent, { type: 'snapshot' }>;

const config = configWith('backend=cpu', 'metaBatch=2', 'evalTasks=4', 'iterations=400');

function harness() {
  const events: WorkerEvent[] = [];
  const controller = new RunController((event) => {
    events.push(event);
  });
  const until = (match: (event: WorkerEvent) => boolean): Promise<WorkerEvent> =>
    vi.waitFor(
      () => {
        const found = events.find(match);
        if (found === undefined) throw new Error('not yet');
        return found;
      },
      { timeout: 60_000, interval: 2 },
    );
  /** The one answer to request `requestId`: its snapshot, or its end. */
  const answer = (requestId: number) =>
    until(
      (event) =>
        (event.type === 'snapshot' || event.type === 'requestEnded') &&
        event.requestId === requestId,
    ) as Promise<Answer | Extract<WorkerEvent, { type: 'requestEnded' }>>;
  /** Every loss the run reported, by iteration (index 0 is iteration 1). */
  const reported = (runId: number): number[] => {
    const losses: number[] = [];
    for (const event of events) {
      if (event.type !== 'progress' || event.runId !== runId) continue;
      event.metaTrainLoss.forEach((loss, i) => (losses[event.firstIteration + i - 1] = loss));
    }
    return losses;
  };
  return { events, controller, until, answer, reported };
}

describe('the snapshot request', () => {
  it('answers a state between iterations, with every loss so far, while training runs', async () => {
    const { controller, until, answer, reported } = harness();
    await controller.handle({ type: 'configure', runId: 1, config, scheduleEvaluations: false });
    await until((event) => event.type === 'ready');
    await controller.handle({ type: 'start', runId: 1 });
    const answers: Answer[] = [];
    for (let requestId = 1; requestId <= 3; requestId++) {
      await until((event) => event.type === 'progress' && event.iteration >= 10 * requestId);
      await controller.handle({ type: 'snapshot', runId: 1, requestId });
      const got = await answer(requestId);
      if (got.type !== 'snapshot') throw new Error(got.message);
      answers.push(got);
    }
    // The iteration after the last snapshot reported before training stops.
    const last = answers.at(-1)!.snapshot.iteration;
    await until((event) => event.type === 'progress' && event.iteration > last);
    await controller.handle({ type: 'pause', runId: 1 });
    await until((event) => event.type === 'progress' && event.state === 'paused');

    const losses = reported(1);
    for (const { snapshot, curves } of answers) {
      const at = snapshot.iteration;
      expect(curves.firstIteration).toBe(1);
      expect(curves.metaTrainLoss.length).toBe(at);
      expect(Array.from(curves.metaTrainLoss)).toEqual(losses.slice(0, at));
      // Restored, it computes the very iteration the run went on to report.
      const trainer = restoreTrainer(snapshot, null);
      const next = await trainer.step();
      if (!next.ok) throw new Error('the restored run stopped');
      expect(Math.fround(next.metrics.metaTrainLoss)).toBe(losses[at]);
    }
  }, 120_000);

  it('carries a resumed run’s curves on, and ends as cancelled once its run is replaced', async () => {
    const { controller, until, answer } = harness();
    await controller.handle({ type: 'configure', runId: 1, config, scheduleEvaluations: false });
    await until((event) => event.type === 'ready' && event.runId === 1);
    await controller.handle({ type: 'step', runId: 1, count: 5 });
    await until((event) => event.type === 'progress' && event.state === 'paused');
    await controller.handle({ type: 'snapshot', runId: 1, requestId: 1 });
    const first = await answer(1);
    if (first.type !== 'snapshot') throw new Error(first.message);

    const { snapshot, curves } = first;
    await controller.handle({
      type: 'configure',
      runId: 2,
      config,
      resume: snapshot,
      curves,
      scheduleEvaluations: false,
    });
    await until((event) => event.type === 'ready' && event.runId === 2);
    await controller.handle({ type: 'step', runId: 2, count: 3 });
    await until((event) => event.type === 'progress' && event.runId === 2 && event.iteration === 8);
    await controller.handle({ type: 'snapshot', runId: 2, requestId: 2 });
    const second = await answer(2);
    if (second.type !== 'snapshot') throw new Error(second.message);
    expect(second.snapshot.iteration).toBe(8);
    expect(second.curves.firstIteration).toBe(1);
    expect(Array.from(second.curves.metaTrainLoss.slice(0, 5))).toEqual(
      Array.from(curves.metaTrainLoss),
    );

    // A request of run 2 that arrives after run 3 replaced it.
    await controller.handle({ type: 'configure', runId: 3, config, scheduleEvaluations: false });
    await controller.handle({ type: 'snapshot', runId: 2, requestId: 3 });
    const late = await answer(3);
    expect(late).toMatchObject({ type: 'requestEnded', runId: 2, outcome: 'cancelled' });
  }, 120_000);
});

describe('the step latch', () => {
  it('takes the state only between steps', async () => {
    const latch = new StepLatch();
    let state = 'before';
    const finishers: (() => void)[] = [];
    /** A step that draws its batch at once and ends when told, as an asynchronous read-back. */
    const step = (name: string) =>
      latch.run(
        new Promise<void>((resolve) => {
          state = `${name} half done`;
          finishers.push(() => {
            state = `${name} done`;
            resolve();
          });
        }),
      );
    const first = step('first');
    const taken = latch.between(() => state);
    // The next step begins the moment the first ends, before the waiting snapshot runs.
    void first.then(() => step('second'));
    finishers[0]!();
    await first;
    await Promise.resolve();
    expect(finishers).toHaveLength(2);
    finishers[1]!();
    expect(await taken).toBe('second done');
    expect(await latch.between(() => state)).toBe('second done');
  });
});

/**
 * The training worker answers every request exactly once, with real sessions on the tfjs CPU
 * backend and the worker's own run controller: a one-shot request by its result or by
 * `requestEnded`, a watch (preview, insights) by pictures and then one `requestEnded`, also when
 * its run was replaced, a newer request replaced it, the session cannot do it or it failed. The
 * worker schedules held-out evaluations itself: the starting point and a final one.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RunController } from '../../src/worker/runController';
import {
  NO_RUN,
  type Command,
  type RequestCommand,
  type WorkerEvent,
} from '../../src/worker/protocol';
import { configWith } from '../helpers/sessions';

type Sent = Exclude<Command, { type: 'configure' }>;

/** A run controller as the worker has it, every event it sends kept in order. */
class Harness {
  readonly events: WorkerEvent[] = [];
  /** The requests sent, to check that each was answered once. */
  readonly requests: RequestCommand[] = [];
  readonly controller = new RunController((event) => {
    this.events.push(event);
  });

  async configure(runId: number, pairs: string[], scheduleEvaluations = true): Promise<void> {
    const config = configWith('backend=cpu', ...pairs);
    await this.controller.handle({ type: 'configure', runId, config, scheduleEvaluations });
  }

  async send(command: Sent): Promise<void> {
    if ('requestId' in command) this.requests.push(command);
    await this.controller.handle(command);
  }

  /** Waits for an event that `match` accepts, and returns it. */
  async until<T extends WorkerEvent>(match: (event: WorkerEvent) => event is T): Promise<T>;
  async until(match: (event: WorkerEvent) => boolean): Promise<WorkerEvent>;
  async until(match: (event: WorkerEvent) => boolean): Promise<WorkerEvent> {
    return vi.waitFor(
      () => {
        const found = this.events.find(match);
        if (found === undefined) {
          const seen = this.events.map((event) => event.type).join(', ');
          throw new Error(`not yet; events so far: ${seen}`);
        }
        return found;
      },
      { timeout: 60_000, interval: 5 },
    );
  }

  /** Every event about request `requestId`, in order. */
  about(requestId: number): WorkerEvent[] {
    return this.events.filter((event) => 'requestId' in event && event.requestId === requestId);
  }

  ended(requestId: number): Extract<WorkerEvent, { type: 'requestEnded' }>[] {
    return this.about(requestId).filter((event) => event.type === 'requestEnded');
  }

  /** Request `requestId` has ended, once, this way, with a message that says `why`. */
  expectEndedOnce(
    requestId: number,
    ending: { runId?: number; outcome: 'cancelled' | 'failed' },
    why = /./,
  ): void {
    const ends = this.ended(requestId);
    expect(ends, `the ends of request ${requestId}`).toHaveLength(1);
    expect(ends[0]).toMatchObject(ending);
    expect(ends[0]?.message).toMatch(why);
  }
}

const isType =
  <K extends WorkerEvent['type']>(type: K, runId?: number) =>
  (event: WorkerEvent): event is Extract<WorkerEvent, { type: K }> =>
    event.type === type && (runId === undefined || event.runId === runId);

const isEnd = (requestId: number) => (event: WorkerEvent) =>
  event.type === 'requestEnded' && event.requestId === requestId;

const SINE = ['evalTasks=6', 'metaBatch=2', 'iterations=8', 'testInnerSteps=2'];
const GLYPHS = [
  'task=glyphs',
  'ways=3',
  'shots=1',
  'query=2',
  'metaBatch=2',
  'filters=4',
  'imageSize=12',
  'testInnerSteps=1',
  'evalTasks=3',
  'evalQuery=2',
  'iterations=4',
];
const GRID = Float32Array.of(-4, 0, 4);

/** Each request sent was answered exactly once; a watch's pictures all came before its end. */
function expectEachAnsweredOnce(harness: Harness): void {
  for (const request of harness.requests) {
    const about = harness.about(request.requestId);
    const ends = about.filter((event) => event.type === 'requestEnded');
    const watch =
      request.type === 'preview' || request.type === 'insights' || request.type === 'iteration';
    if (watch) {
      expect(ends, `watch ${request.requestId}`).toHaveLength(1);
      expect(about.at(-1)?.type, `watch ${request.requestId}`).toBe('requestEnded');
    } else {
      expect(about, `request ${request.requestId} (${request.type})`).toHaveLength(1);
    }
  }
}

let harness: Harness;

afterEach(async () => {
  // A new run ends whatever the test left open, and must end it once.
  await harness.configure(999, SINE, false);
  expectEachAnsweredOnce(harness);
});

describe('every request is answered exactly once', () => {
  it('a preview watch gets pictures as training goes on, and one end when its run is replaced', async () => {
    harness = new Harness();
    await harness.configure(1, SINE);
    await harness.until(isType('ready', 1));
    const supportX = Float32Array.of(-1, 0, 1);
    const supportY = Float32Array.of(0.5, 1, 0.5);
    await harness.send({
      type: 'preview',
      runId: 1,
      requestId: 1,
      supportX,
      supportY,
      gridX: GRID,
    });
    const first = await harness.until(isType('preview', 1));
    expect(first.requestId).toBe(1);
    expect(first.learner).toHaveLength(3);
    expect(first.learner[0]).toHaveLength(GRID.length);
    expect(first.pretrained).toHaveLength(3);

    await harness.send({ type: 'start', runId: 1 });
    await harness.until(isType('finished', 1));
    // The parameters changed: a picture of the trained model follows without being asked.
    const trained = await harness.until(
      (event) => event.type === 'preview' && event.iteration === 8,
    );
    expect(trained.type).toBe('preview');
    expect(harness.ended(1)).toEqual([]);

    await harness.configure(2, SINE);
    harness.expectEndedOnce(1, { runId: 1, outcome: 'cancelled' });
  });

  it('newer points replace a watch; a failing preview ends it as failed and the run goes on', async () => {
    harness = new Harness();
    await harness.configure(1, SINE);
    await harness.until(isType('ready', 1));
    const points = { supportX: Float32Array.of(1, 2), supportY: Float32Array.of(0, 1) };
    await harness.send({ type: 'preview', runId: 1, requestId: 1, ...points, gridX: GRID });
    await harness.send({ type: 'preview', runId: 1, requestId: 2, ...points, gridX: GRID });
    harness.expectEndedOnce(1, { outcome: 'cancelled' }, /newer/);
    await harness.until((event) => event.type === 'preview' && event.requestId === 2);

    // Three inputs and two targets: the session's fine-tuning throws.
    const broken = { supportX: Float32Array.of(1, 2, 3), supportY: Float32Array.of(0, 1) };
    await harness.send({ type: 'preview', runId: 1, requestId: 3, ...broken, gridX: GRID });
    const failed = await harness.until(isEnd(3));
    expect(failed).toMatchObject({ outcome: 'failed', runId: 1 });
    expect(harness.about(3)).toHaveLength(1);
    // Not a failed run: no error, and training still works.
    await harness.send({ type: 'start', runId: 1 });
    await harness.until(isType('finished', 1));
    expect(harness.events.filter((event) => event.type === 'error')).toEqual([]);
  });

  it('a session that cannot answer says so at once, and none of it is an error', async () => {
    harness = new Harness();
    await harness.configure(1, GLYPHS);
    await harness.until(isType('ready', 1));
    const points = { supportX: Float32Array.of(0), supportY: Float32Array.of(0), gridX: GRID };
    await harness.send({ type: 'preview', runId: 1, requestId: 1, ...points });
    harness.expectEndedOnce(1, { outcome: 'failed' }, /function/);
    await harness.send({ type: 'inspectTask', runId: 1, requestId: 2, task: 0 });
    await harness.until((event) => event.type === 'taskView' && event.requestId === 2);

    await harness.configure(2, SINE);
    await harness.until(isType('ready', 2));
    await harness.send({ type: 'inspectTask', runId: 2, requestId: 3, task: 0 });
    await harness.send({ type: 'scoreOneShotRuns', runId: 2, requestId: 4 });
    await harness.until(isEnd(4));
    for (const requestId of [3, 4]) {
      harness.expectEndedOnce(requestId, { outcome: 'failed' }, /classif/);
    }
    expect(harness.events.filter((event) => event.type === 'error')).toEqual([]);
  });

  it('requests of a replaced run, or of a run with no session, end at once', async () => {
    harness = new Harness();
    await harness.configure(1, SINE);
    await harness.until(isType('ready', 1));
    await harness.configure(2, SINE);
    await harness.send({ type: 'insights', runId: 1, requestId: 1 });
    await harness.send({ type: 'evaluate', runId: 1, requestId: 2 });
    for (const requestId of [1, 2]) {
      harness.expectEndedOnce(requestId, { runId: 1, outcome: 'cancelled' });
    }
    // No archive loaded: an Omniglot run cannot be built.
    await harness.configure(3, ['task=omniglot']);
    await harness.until(isType('error', 3));
    await harness.send({ type: 'inspectTask', runId: 3, requestId: 3, task: 0 });
    await harness.send({ type: 'insights', runId: 3, requestId: 4 });
    for (const requestId of [3, 4]) {
      harness.expectEndedOnce(requestId, { runId: 3, outcome: 'failed' });
    }
  });

  it('an evaluation asked for replaces the one in flight, which ends cancelled', async () => {
    harness = new Harness();
    await harness.configure(1, SINE);
    await harness.until(isType('ready', 1));
    await harness.send({ type: 'evaluate', runId: 1, requestId: 1 });
    await harness.send({ type: 'evaluate', runId: 1, requestId: 2, tasks: 4 });
    const answer = await harness.until(
      (event) => event.type === 'evaluation' && event.requestId === 2,
    );
    expect(answer).toMatchObject({ iteration: 0, evaluation: { tasks: 4 } });
    harness.expectEndedOnce(1, { outcome: 'cancelled' }, /newer/);
  });

  it('an insights watch gets a picture, and its view leaving ends it once', async () => {
    harness = new Harness();
    await harness.configure(1, SINE);
    await harness.until(isType('ready', 1));
    await harness.send({ type: 'start', runId: 1 });
    await harness.until(isType('finished', 1));
    await harness.send({ type: 'insights', runId: 1, requestId: 1 });
    const picture = await harness.until(isType('insights', 1));
    expect(picture.insights.iteration).toBe(8);
    expect(picture.insights.relations?.labels).toHaveLength(2);
    await harness.send({ type: 'unwatch', runId: 1, watchId: 1 });
    await harness.send({ type: 'unwatch', runId: 1, watchId: 1 });
    harness.expectEndedOnce(1, { outcome: 'cancelled' });
  });

  it('an iteration watch shows the latest iteration, and a run it cannot show says why at once', async () => {
    harness = new Harness();
    await harness.configure(1, SINE);
    await harness.until(isType('ready', 1));
    await harness.send({ type: 'start', runId: 1 });
    await harness.until(isType('finished', 1));
    await harness.send({ type: 'iteration', runId: 1, requestId: 1, gridX: GRID, tasks: 8 });
    const picture = await harness.until(isType('iteration', 1));
    expect(picture.picture?.iteration).toBe(8);
    expect(picture.picture?.tasks).toHaveLength(2);
    const shown = picture.picture;
    expect(shown?.kind).toBe('regression');
    if (shown?.kind === 'regression') expect(shown.tasks[0]?.fits[0]).toHaveLength(GRID.length);
    await harness.send({ type: 'unwatch', runId: 1, watchId: 1 });
    harness.expectEndedOnce(1, { outcome: 'cancelled' });

    await harness.configure(2, [...GLYPHS, 'algorithm=protonet']);
    await harness.until(isType('ready', 2));
    await harness.send({ type: 'iteration', runId: 2, requestId: 2, gridX: GRID, tasks: 8 });
    harness.expectEndedOnce(2, { outcome: 'failed' }, /no inner loop/);
  });

  it('data requests are answered, a file that is no zip with its reason', async () => {
    harness = new Harness();
    await harness.send({
      type: 'loadData',
      runId: NO_RUN,
      requestId: 1,
      name: 'images_background.zip',
      bytes: new Uint8Array([1, 2, 3]).buffer,
    });
    await harness.send({ type: 'clearData', runId: NO_RUN, requestId: 2 });
    const [loaded, cleared] = [harness.about(1), harness.about(2)];
    expect(loaded).toHaveLength(1);
    expect(loaded[0]?.type === 'data' && loaded[0].problem).toMatch(/\w/);
    expect(cleared).toEqual([expect.objectContaining({ type: 'data', problem: null })]);
  });
});

describe('the worker schedules held-out evaluations itself', () => {
  it('evaluates the starting point when ready, and every task once at the end', async () => {
    harness = new Harness();
    // More evaluation tasks than those of an evaluation during the run (100).
    await harness.configure(1, [
      ...SINE.filter((pair) => !pair.startsWith('evalTasks')),
      'evalTasks=120',
    ]);
    const start = await harness.until(isType('evaluation', 1));
    expect(start).toMatchObject({ requestId: null, iteration: 0, evaluation: { tasks: 100 } });
    await harness.send({ type: 'start', runId: 1 });
    await harness.until(isType('finished', 1));
    const final = await harness.until(
      (event) => event.type === 'evaluation' && event.evaluation.tasks === 120,
    );
    expect(final).toMatchObject({ requestId: null, iteration: 8 });
    // Asked for after the final one: the schedule started nothing more meanwhile.
    await harness.send({ type: 'evaluate', runId: 1, requestId: 1, tasks: 3 });
    await harness.until((event) => event.type === 'evaluation' && event.requestId === 1);
    const evaluations = harness.events.filter(isType('evaluation', 1));
    expect(evaluations.at(-2)).toBe(final);
    const scheduled = evaluations.filter((event) => event.requestId === null);
    expect(scheduled.filter((event) => event.evaluation.tasks === 120)).toEqual([final]);
    expect(scheduled.length).toBeLessThanOrEqual(22);
  });

  it('evaluates only when asked if the run was configured without a schedule', async () => {
    harness = new Harness();
    await harness.configure(1, SINE, false);
    await harness.until(isType('ready', 1));
    await harness.send({ type: 'start', runId: 1 });
    await harness.until(isType('finished', 1));
    await harness.send({ type: 'evaluate', runId: 1, requestId: 1, tasks: 2 });
    await harness.until((event) => event.type === 'evaluation' && event.requestId === 1);
    expect(harness.events.filter(isType('evaluation')).map((event) => event.requestId)).toEqual([
      1,
    ]);
  });
});

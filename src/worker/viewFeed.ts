/**
 * One watched view of the current run (the function view's preview, or the insights). The page
 * declares what it wants once; the worker sends a picture at once and again whenever the
 * parameters changed, paced as picturePolicy.ts says, until the watch is replaced by a newer one,
 * withdrawn, its run replaced, or a picture fails. Every watch ends with exactly one
 * `requestEnded`; a failed picture is not a failed run: the view keeps its last one.
 */
import type { Trainer } from '../core/trainer';
import { Alarm, type Clock } from './clock';
import { errorText } from './errorText';
import {
  afterPicture,
  decidePicture,
  forNewWatch,
  freshPictureMemory,
  type Pacing,
} from './picturePolicy';
import type { WorkerEvent } from './protocol';
import type { Reply } from './replies';
import { Cancelled, type WorkGate } from './workGate';

/** The run the pictures are made of, as it stands. */
export interface FeedSource {
  readonly runId: number;
  readonly trainer: Trainer;
  readonly training: boolean;
}

/** One picture: the event and the buffers it transfers. */
export interface Picture {
  readonly event: WorkerEvent;
  readonly transfer: Transferable[];
}

export interface ViewKind<P> {
  /** Why `trainer` cannot make this view, or null if it can. */
  readonly refusal: (trainer: Trainer) => string | null;
  readonly picture: (
    trainer: Trainer,
    params: P,
    runId: number,
    requestId: number,
  ) => Promise<Picture>;
}

export interface ViewFeedDeps<P> {
  readonly kind: ViewKind<P>;
  readonly clock: Clock;
  readonly gate: WorkGate;
  readonly pacing?: Pacing;
  /** The current run, or null while it has no trainer. */
  readonly source: () => FeedSource | null;
}

interface Watch<P> {
  readonly reply: Reply;
  readonly params: P;
}

const REPLACED_BY_NEWER = 'A newer request of this view replaced it.';
export const RUN_REPLACED = 'Its run was replaced by a new one.';

export class ViewFeed<P> {
  private watch: Watch<P> | null = null;
  /** The trainer the memory's pictures were made of. */
  private trainer: Trainer | null = null;
  private memory = freshPictureMemory();
  /** The picture being made, if any; a new run forgets it, as it may never end (a lost GPU). */
  private drawing: object | null = null;
  private readonly alarm: Alarm;

  constructor(private readonly deps: ViewFeedDeps<P>) {
    this.alarm = new Alarm(deps.clock, () => {
      this.check();
    });
  }

  /** A new watch replaces the one before (which ends); refused at once if the run cannot. */
  start(reply: Reply, params: P): void {
    this.watch?.reply.end('cancelled', REPLACED_BY_NEWER);
    this.watch = null;
    const source = this.deps.source();
    const refusal =
      source === null ? 'The run has no trainer yet.' : this.deps.kind.refusal(source.trainer);
    if (refusal !== null) {
      reply.end('failed', refusal);
      return;
    }
    this.watch = { reply, params };
    this.memory = forNewWatch(this.memory);
    this.check();
  }

  /** The view that watched `requestId` is gone. */
  stop(requestId: number): void {
    if (this.watch?.reply.requestId !== requestId) return;
    this.watch.reply.end('cancelled', 'The view stopped watching.');
    this.watch = null;
    this.alarm.clear();
  }

  /** A new run: the watch ends with the old one, and the pacing starts over. */
  clear(): void {
    this.watch?.reply.end('cancelled', RUN_REPLACED);
    this.watch = null;
    this.trainer = null;
    this.memory = freshPictureMemory();
    this.drawing = null;
    this.alarm.clear();
  }

  /** The parameters or the training state may have changed: a picture if one is due. */
  check(): void {
    const watch = this.watch;
    const source = this.deps.source();
    if (this.drawing !== null || watch === null || source === null) return;
    if (source.trainer !== this.trainer) {
      // A reset built a new trainer: the old pictures show nothing of it.
      this.trainer = source.trainer;
      this.memory = forNewWatch(this.memory);
    }
    const model = { iteration: source.trainer.iteration, training: source.training };
    const decision = decidePicture(model, this.memory, this.deps.clock.now(), this.deps.pacing);
    if (decision.kind === 'picture') void this.draw(watch, source);
    else if (decision.retryInMs !== null) this.alarm.set(decision.retryInMs);
  }

  private async draw(watch: Watch<P>, { runId, trainer }: FeedSource): Promise<void> {
    const { clock, gate, kind } = this.deps;
    const drawing = {};
    this.drawing = drawing;
    const startedAt = clock.now();
    try {
      await gate.turn(runId);
      if (this.watch !== watch) return;
      const iteration = trainer.iteration;
      const workFrom = clock.now();
      const picture = await kind.picture(trainer, watch.params, runId, watch.reply.requestId);
      const endedAt = clock.now();
      if (this.drawing === drawing) {
        const memory = afterPicture(iteration, startedAt, endedAt, endedAt - workFrom);
        // A watch that came meanwhile is still owed its first picture.
        this.memory = this.watch === watch ? memory : forNewWatch(memory);
      }
      if (gate.isCurrent(runId)) watch.reply.update(picture.event, picture.transfer);
    } catch (error) {
      if (error instanceof Cancelled || !gate.isCurrent(runId)) {
        watch.reply.end('cancelled', RUN_REPLACED);
      } else {
        // Trying again could fail forever: the watch ends, and the view says why.
        watch.reply.end('failed', errorText(error));
        if (this.watch === watch) this.watch = null;
      }
    } finally {
      if (this.drawing === drawing) {
        this.drawing = null;
        this.check();
      }
    }
  }
}

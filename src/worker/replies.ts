/**
 * Every command with a requestId gets exactly one answer. A `Reply` is that promise kept: its
 * result or a `requestEnded`, whichever comes first, and nothing after it. The book of open replies
 * ends those of a run the moment the run is replaced, so the page hears at once even if the work
 * itself is stuck (a read-back on a lost GPU can wait forever).
 */
import { NO_RUN, type RequestOutcome, type WorkerEvent } from './protocol';

export type Emit = (event: WorkerEvent, transfer?: Transferable[]) => void;

export class Reply {
  private closed = false;

  constructor(
    private readonly emit: Emit,
    readonly runId: number,
    readonly requestId: number,
    private readonly onClose: (reply: Reply) => void,
  ) {}

  get open(): boolean {
    return !this.closed;
  }

  /** The one result of a one-shot request; ignored once the request was answered. */
  answer(event: WorkerEvent, transfer?: Transferable[]): void {
    if (this.closed) return;
    this.close();
    this.emit(event, transfer);
  }

  /** One picture of a watch, which stays open; ignored once the watch ended. */
  update(event: WorkerEvent, transfer?: Transferable[]): void {
    if (!this.closed) this.emit(event, transfer);
  }

  /** Ends the request without (more) results; ignored once it was answered. */
  end(outcome: RequestOutcome, message: string): void {
    if (this.closed) return;
    this.close();
    const { runId, requestId } = this;
    this.emit({ type: 'requestEnded', runId, requestId, outcome, message });
  }

  private close(): void {
    this.closed = true;
    this.onClose(this);
  }
}

export class ReplyBook {
  private readonly pending = new Set<Reply>();

  constructor(private readonly emit: Emit) {}

  open(runId: number, requestId: number): Reply {
    const reply = new Reply(this.emit, runId, requestId, (closed) => {
      this.pending.delete(closed);
    });
    this.pending.add(reply);
    return reply;
  }

  /** Ends every open request of a run other than `runId` (a new run replaced them). */
  cancelAllBut(runId: number, message: string): void {
    for (const reply of [...this.pending]) {
      if (reply.runId !== runId && reply.runId !== NO_RUN) reply.end('cancelled', message);
    }
  }
}

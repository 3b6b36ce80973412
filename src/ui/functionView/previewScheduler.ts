/**
 * When to ask the worker for the function view's predictions. New points are asked about at once;
 * a model that moved on (training) at most once per `minIntervalMs`. Never more than one request
 * is in flight: whatever changes meanwhile is asked about when its answer arrives. Answers to any
 * other request than the one in flight are dropped, and a request that gets no answer (the worker
 * failed it, or the run went away) is given up after `timeoutMs`.
 */

export interface PreviewSupport {
  readonly x: Float32Array;
  readonly y: Float32Array;
}

export interface PreviewAnswer {
  readonly requestId: number;
  /** The training iteration whose parameters made the predictions. */
  readonly iteration: number;
  /** Predictions on the grid after 0..steps fine-tuning steps. */
  readonly maml: readonly Float32Array[];
  readonly pretrained: readonly Float32Array[];
  /** The points the models were fine-tuned on. */
  readonly support: PreviewSupport;
}

export interface PreviewSchedulerOptions {
  readonly send: (requestId: number, support: PreviewSupport) => void;
  readonly deliver: (answer: PreviewAnswer) => void;
  readonly minIntervalMs?: number;
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

/** Request ids are unique on the page, so no answer can ever be taken for another's. */
let lastRequestId = 0;

export class PreviewScheduler {
  private support: PreviewSupport | null = null;
  private ready = false;
  /** Something changed that no request has asked about yet. */
  private dirty = false;
  /** The change was to the points: do not wait for the interval. */
  private urgent = false;
  private inFlight: { readonly id: number; readonly support: PreviewSupport } | null = null;
  private lastSent = -Infinity;
  private waitTimer: ReturnType<typeof setTimeout> | null = null;
  private giveUpTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly minIntervalMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(private readonly options: PreviewSchedulerOptions) {
    this.minIntervalMs = options.minIntervalMs ?? 1000;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.now = options.now ?? (() => performance.now());
  }

  /** Whether the worker has a session to answer with; nothing is sent until it has. */
  setReady(ready: boolean): void {
    if (ready && !this.ready) this.markDirty(true);
    this.ready = ready;
    this.pump();
  }

  setSupport(support: PreviewSupport): void {
    this.support = support;
    this.markDirty(true);
    this.pump();
  }

  /** The model was trained further: ask again, but not more often than the interval allows. */
  modelChanged(): void {
    this.markDirty(false);
    this.pump();
  }

  receive(event: Omit<PreviewAnswer, 'support'>): void {
    const request = this.inFlight;
    if (request === null || event.requestId !== request.id) return;
    this.settle();
    this.options.deliver({ ...event, support: request.support });
    this.pump();
  }

  /** The worker reported an error: the request in flight may never be answered. */
  failed(): void {
    if (this.inFlight === null) return;
    this.settle();
    // Asking again at once could loop on a persistent failure: wait for the next change.
    this.dirty = false;
  }

  dispose(): void {
    this.settle();
    this.clearWait();
    this.ready = false;
  }

  private markDirty(urgent: boolean): void {
    this.dirty = true;
    this.urgent ||= urgent;
  }

  private settle(): void {
    this.inFlight = null;
    if (this.giveUpTimer !== null) clearTimeout(this.giveUpTimer);
    this.giveUpTimer = null;
  }

  private clearWait(): void {
    if (this.waitTimer !== null) clearTimeout(this.waitTimer);
    this.waitTimer = null;
  }

  private pump(): void {
    const support = this.support;
    if (!this.ready || !this.dirty || support === null || this.inFlight !== null) return;
    const wait = this.urgent ? 0 : this.lastSent + this.minIntervalMs - this.now();
    if (wait > 0) {
      this.waitTimer ??= setTimeout(() => {
        this.waitTimer = null;
        this.pump();
      }, wait);
      return;
    }
    this.clearWait();
    this.dirty = false;
    this.urgent = false;
    this.lastSent = this.now();
    lastRequestId += 1;
    const id = lastRequestId;
    this.inFlight = { id, support };
    this.giveUpTimer = setTimeout(() => {
      if (this.inFlight?.id !== id) return;
      this.settle();
      this.markDirty(false);
      this.pump();
    }, this.timeoutMs);
    this.options.send(id, support);
  }
}

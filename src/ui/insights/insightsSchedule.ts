/**
 * Asks the training worker what the learner looks like inside (task relations, learned inner
 * rates, uncertainties): about once a second while a run trains, and once more whenever it stops
 * at a new iteration (paused, stepped, finished). Only one request is ever in flight. Answering
 * shares the worker with training, so while training the pause after an answer is also at least
 * twice the time it took.
 */
import type { InsightsSlice } from '../store/insightsSlice';
import type { PlaygroundStore } from '../store/playgroundStore';
import type { RunSlice } from '../store/runSlice';
import { sessionReady } from '../training/controller';

/** Least wall time between two requests while training. */
export const MIN_INSIGHTS_GAP_MS = 1000;
/** While training, the pause after an answer is at least this many times its duration. */
export const PAUSE_PER_ANSWER_TIME = 2;
/** A request unanswered for this long is given up on, so the schedule never stalls. */
export const INSIGHTS_TIMEOUT_MS = 15_000;

/** What the schedule remembers about the run it follows. */
export interface InsightsMemory {
  readonly runId: number | null;
  /** The iteration and time of the latest request; null before the first. */
  readonly lastIteration: number | null;
  readonly lastAt: number;
  /** The request waited for, when it was sent, and how long the previous answer took. */
  readonly pending: { readonly requestId: number; readonly since: number } | null;
  readonly lastDurationMs: number;
  readonly answeredAt: number;
}

export function freshInsightsMemory(runId: number | null): InsightsMemory {
  return {
    runId,
    lastIteration: null,
    lastAt: -Infinity,
    pending: null,
    lastDurationMs: 0,
    answeredAt: -Infinity,
  };
}

export type InsightsDecision =
  { readonly kind: 'ask' } | { readonly kind: 'wait'; readonly retryInMs: number | null };

const WAIT: InsightsDecision = { kind: 'wait', retryInMs: null };

/** Whether to ask now. Pure, so the rules read in one place. */
export function decideInsights(
  run: RunSlice,
  memory: InsightsMemory,
  now: number,
): InsightsDecision {
  if (run.runId === null || run.runId !== memory.runId || !sessionReady(run)) return WAIT;
  // Nothing to see before the first iteration.
  if (memory.pending !== null || run.iteration === 0) return WAIT;
  if (memory.lastIteration === run.iteration) return WAIT;
  if (run.state !== 'running') return { kind: 'ask' };
  const wait =
    Math.max(
      memory.lastAt + MIN_INSIGHTS_GAP_MS,
      memory.answeredAt + PAUSE_PER_ANSWER_TIME * memory.lastDurationMs,
    ) - now;
  return wait > 0 ? { kind: 'wait', retryInMs: wait } : { kind: 'ask' };
}

/** The memory after the store's slice changed: an answered request is no longer pending. */
export function afterSlice(memory: InsightsMemory, slice: InsightsSlice, now: number) {
  const { pending } = memory;
  if (pending === null) return memory;
  const answered = slice.request !== pending.requestId;
  const expired = now - pending.since > INSIGHTS_TIMEOUT_MS;
  if (!answered && !expired) return memory;
  return {
    ...memory,
    pending: null,
    answeredAt: now,
    lastDurationMs: answered ? now - pending.since : memory.lastDurationMs,
  };
}

/** Follows the store and asks through `ask`, which returns the request id or null if unsent. */
export class InsightsSchedule {
  private memory = freshInsightsMemory(null);
  private retry: ReturnType<typeof setTimeout> | null = null;
  private retryAt = Infinity;
  /** Asking changes the store, which calls check again: that inner call has nothing to do. */
  private checking = false;
  private readonly stopWatching: () => void;

  constructor(
    private readonly store: PlaygroundStore,
    private readonly ask: () => number | null,
  ) {
    this.stopWatching = store.subscribe((state, previous) => {
      if (state.run !== previous.run || state.insights !== previous.insights) this.check();
    });
    this.check();
  }

  dispose(): void {
    this.stopWatching();
    this.clearRetry();
  }

  private clearRetry(): void {
    if (this.retry !== null) clearTimeout(this.retry);
    this.retry = null;
    this.retryAt = Infinity;
  }

  /** Looks again after `delayMs`, unless a look is already due sooner. */
  private schedule(delayMs: number): void {
    const at = performance.now() + delayMs;
    if (this.retry !== null && this.retryAt <= at) return;
    this.clearRetry();
    this.retryAt = at;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.retryAt = Infinity;
      this.check();
    }, delayMs);
  }

  private check(): void {
    if (this.checking) return;
    this.checking = true;
    try {
      this.checkNow();
    } finally {
      this.checking = false;
    }
  }

  private checkNow(): void {
    const { run, insights } = this.store.getState();
    const now = performance.now();
    if (run.runId !== this.memory.runId) {
      this.memory = freshInsightsMemory(run.runId);
      this.clearRetry();
    }
    this.memory = afterSlice(this.memory, insights, now);
    // A request that is never answered is looked at again once it has timed out.
    if (this.memory.pending !== null) this.schedule(INSIGHTS_TIMEOUT_MS);

    const decision = decideInsights(run, this.memory, now);
    if (decision.kind === 'wait') {
      if (decision.retryInMs !== null) this.schedule(decision.retryInMs);
      return;
    }
    const requestId = this.ask();
    if (requestId === null) return;
    this.memory = {
      ...this.memory,
      lastIteration: run.iteration,
      lastAt: now,
      pending: { requestId, since: now },
    };
  }
}

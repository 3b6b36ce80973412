/**
 * When the worker sends a watched view (the function view's preview, the insights) a new picture:
 * at once for a new watch, then whenever the parameters changed. While training runs, pictures
 * are paced: at least `minGapMs` apart, and after each a pause of `pausePerWork` times the
 * worker's time on it, since pictures share the worker with training. Pure, so the rules are
 * tested with numbers.
 */

export interface Pacing {
  readonly minGapMs: number;
  readonly pausePerWork: number;
}

/** About once a second while training, never more than a third of the worker's time. */
export const PICTURE_PACING: Pacing = { minGapMs: 1000, pausePerWork: 2 };

/** What a feed remembers of the pictures it sent. */
export interface PictureMemory {
  /** The iteration the watch's latest picture showed; null before its first. */
  readonly shownIteration: number | null;
  /** When the latest picture started and ended, and the worker's time spent on it. */
  readonly startedAt: number;
  readonly endedAt: number;
  readonly workMs: number;
}

export function freshPictureMemory(): PictureMemory {
  return { shownIteration: null, startedAt: -Infinity, endedAt: -Infinity, workMs: 0 };
}

/** A new watch is owed its first picture; the pacing of earlier pictures still holds. */
export function forNewWatch(memory: PictureMemory): PictureMemory {
  return { ...memory, shownIteration: null };
}

export type PictureDecision =
  { readonly kind: 'picture' } | { readonly kind: 'wait'; readonly retryInMs: number | null };

const WAIT: PictureDecision = { kind: 'wait', retryInMs: null };

export function decidePicture(
  model: { readonly iteration: number; readonly training: boolean },
  memory: PictureMemory,
  now: number,
  pacing: Pacing = PICTURE_PACING,
): PictureDecision {
  if (memory.shownIteration === null) return { kind: 'picture' };
  if (memory.shownIteration === model.iteration) return WAIT;
  if (!model.training) return { kind: 'picture' };
  const dueAt = Math.max(
    memory.startedAt + pacing.minGapMs,
    memory.endedAt + pacing.pausePerWork * memory.workMs,
  );
  return dueAt > now ? { kind: 'wait', retryInMs: dueAt - now } : { kind: 'picture' };
}

/**
 * The memory once a picture of `iteration`, asked for at `startedAt`, was sent at `endedAt`
 * after `workMs` of the worker's time (its wait at the gate left out).
 */
export function afterPicture(
  iteration: number,
  startedAt: number,
  endedAt: number,
  workMs: number,
): PictureMemory {
  return { shownIteration: iteration, startedAt, endedAt, workMs };
}

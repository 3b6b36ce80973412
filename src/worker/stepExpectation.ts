/**
 * How long the next piece of work should keep the worker's thread busy, so the page can tell a
 * long iteration from a hung worker: the worker announces it before starting, and the page waits
 * accordingly. Pure, so the rule is tested on its own.
 */
import type { BackendMeasurement } from './protocol';

/** A first iteration nobody has timed may take this long (software WebGPU took ~30 s here). */
export const UNKNOWN_ITERATION_MS = 60_000;

/** Work expected to take at least this long is announced before it starts. */
export const ANNOUNCE_FROM_MS = 1_000;

export interface IterationHistory {
  /** The latest iteration of this run on this backend, if any. */
  readonly lastIterationMs: number | null;
  /** What measuring this experiment on this backend found. */
  readonly measurement: BackendMeasurement | undefined;
  /** Whether the backend has its kernels compiled for this model already (always, off the GPU). */
  readonly warm: boolean;
}

/** The expected wall time of the next iteration, in milliseconds. */
export function expectedIterationMs({
  lastIterationMs,
  measurement,
  warm,
}: IterationHistory): number {
  if (lastIterationMs !== null) return lastIterationMs;
  const first = measurement?.firstIterationMs ?? null;
  const pace = measurement?.msPerIteration ?? null;
  if (warm) return pace ?? first ?? UNKNOWN_ITERATION_MS;
  return first ?? UNKNOWN_ITERATION_MS;
}

/**
 * Whether to tell the page before work expected to take `expectedMs`: when it is long, and once
 * more when it is short again after a long one, so the page stops allowing for long silences.
 */
export function worthAnnouncing(expectedMs: number, lastAnnouncedMs: number): boolean {
  return expectedMs >= ANNOUNCE_FROM_MS || lastAnnouncedMs >= ANNOUNCE_FROM_MS;
}

/**
 * When the page concludes that the training worker died or hangs. The worker is silent while one
 * long piece of work holds its thread (its heartbeat cannot fire then), so before such work it
 * says how long it expects it to take; the page waits a few times that, never less than a floor.
 */

/** The least silence, while training, that counts as a dead or hung worker. */
export const SILENCE_FLOOR_MS = 20_000;

/** How many times its own estimate the worker may stay silent: estimates are rough. */
export const SILENCE_PER_EXPECTED = 3;

/** How long the worker may stay silent after saying its work takes `expectedMs`. */
export function silenceLimitMs(expectedMs: number): number {
  const expected = Number.isFinite(expectedMs) && expectedMs > 0 ? expectedMs : 0;
  return Math.max(SILENCE_FLOOR_MS, SILENCE_PER_EXPECTED * expected);
}

/** Whether a silence of `silentMs` while training means the worker died or hangs. */
export function isDeadSilence(silentMs: number, expectedMs: number): boolean {
  return silentMs > silenceLimitMs(expectedMs);
}

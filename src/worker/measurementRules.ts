/**
 * How long a backend measurement may take, and when it has seen enough. Pure, so the rules read
 * in one place and the unit tests can hold them to their word.
 */
import type { BackendName } from './protocol';

/**
 * Starting a probe worker up to its backend's first word (which waits for the GPU process, busy
 * for a while after a stopped WebGPU probe), and then the self-check, may take this long each.
 */
export const STARTUP_CAP_MS = 20_000;
export const CHECK_CAP_MS = 15_000;
/** The least and the most a backend's timing (after its self-check) may take. */
export const MIN_TIMING_CAP_MS = 2_000;
export const MAX_TIMING_CAP_MS = 30_000;
/** After the first iteration, iterations are timed for about this long... */
export const STEADY_BUDGET_MS = 500;
/** ...and at most this many. */
export const MAX_STEADY_ITERATIONS = 20;
/** When Start arrives mid-measurement, it waits at most this long before training begins. */
export const START_GRACE_MS = 1_500;

/** Backends that compile nothing: their first iteration already costs what the others will. */
export function compilesKernels(backend: BackendName): boolean {
  return backend === 'webgpu' || backend === 'webgl';
}

/**
 * The wall-clock cap on timing one backend. The first backend measured (WASM, the fallback) sets
 * the reference and gets the most; every other gets twice the best time per iteration seen so
 * far, within bounds: a backend that cannot finish its first iterations in that time would not
 * win, and a software GPU cannot hold up the start for longer.
 */
export function timingCapMs(bestMsPerIteration: number | null): number {
  if (bestMsPerIteration === null) return MAX_TIMING_CAP_MS;
  return Math.min(MAX_TIMING_CAP_MS, Math.max(MIN_TIMING_CAP_MS, 2 * bestMsPerIteration));
}

/**
 * Whether to time one more iteration, given those timed so far (the first included) and the time
 * spent since the first ended. A backend that compiles kernels needs one iteration past the first
 * for its steady pace; one that does not is done after a first iteration longer than the budget.
 */
export function wantsAnotherIteration(
  backend: BackendName,
  timesMs: readonly number[],
  sinceFirstMs: number,
): boolean {
  if (timesMs.length === 0) return true;
  const steady = timesMs.length - 1;
  if (steady >= MAX_STEADY_ITERATIONS) return false;
  if (steady === 0) return compilesKernels(backend) || timesMs[0]! < STEADY_BUDGET_MS;
  return sinceFirstMs < STEADY_BUDGET_MS;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The timing of a probe's iterations: the first (compilation included) and the median of the
 * rest. A backend that compiles nothing, stopped after one long first iteration, takes that as its
 * pace.
 */
export function summarizeTimes(
  backend: BackendName,
  timesMs: readonly number[],
  finished: boolean,
): { firstIterationMs: number | null; msPerIteration: number | null; timedIterations: number } {
  const first = timesMs[0] ?? null;
  const steady = timesMs.slice(1);
  if (steady.length > 0) {
    return {
      firstIterationMs: first,
      msPerIteration: median(steady),
      timedIterations: steady.length,
    };
  }
  const firstServes = first !== null && finished && !compilesKernels(backend);
  return {
    firstIterationMs: first,
    msPerIteration: firstServes ? first : null,
    timedIterations: firstServes ? 1 : 0,
  };
}

/**
 * One value per iteration, every iteration of the run, for the results file: the charts' curves
 * (`lossSeries.ts`) average pairs once they are long, so they cannot give back each iteration.
 *
 * Appending writes past the end of a shared buffer and returns a new log over it, so a progress
 * event costs only its own values, and every earlier log still reads what it held (it reads only
 * its own length). Only the newest log is appended to; cutting one back copies it, so the values
 * it drops can be written again without touching the logs before it.
 */
export interface IterationLog {
  /** The iteration of values[0]. */
  readonly firstIteration: number;
  readonly length: number;
  /** Holds at least `length` values; those past `length` belong to later logs. */
  readonly buffer: Float32Array;
}

const FIRST_CAPACITY = 1024;

export function emptyIterationLog(firstIteration = 1): IterationLog {
  return { firstIteration, length: 0, buffer: new Float32Array(0) };
}

/** The iteration after the last one held. */
export function nextIteration(log: IterationLog): number {
  return log.firstIteration + log.length;
}

/** The values held, as a fresh array. */
export function logValues(log: IterationLog): number[] {
  return Array.from(log.buffer.subarray(0, log.length));
}

/** Keeps the iterations up to and including `iteration` (a run resumed from an earlier state). */
export function truncateLog(log: IterationLog, iteration: number): IterationLog {
  const kept = Math.max(0, Math.min(log.length, iteration - log.firstIteration + 1));
  if (kept === log.length) return log;
  if (kept === 0) return emptyIterationLog(iteration + 1);
  return { ...log, length: kept, buffer: log.buffer.slice(0, kept) };
}

/**
 * Adds the values of consecutive iterations from `firstIteration`. Iterations already held are
 * replaced; a gap (iterations never reported) starts the log again from `firstIteration`.
 */
export function appendToLog(
  log: IterationLog,
  values: ArrayLike<number>,
  firstIteration: number,
): IterationLog {
  if (values.length === 0) return log;
  let base = firstIteration < nextIteration(log) ? truncateLog(log, firstIteration - 1) : log;
  if (firstIteration !== nextIteration(base)) base = emptyIterationLog(firstIteration);
  const length = base.length + values.length;
  let buffer = base.buffer;
  if (buffer.length < length) {
    buffer = new Float32Array(Math.max(FIRST_CAPACITY, 2 * length));
    buffer.set(base.buffer.subarray(0, base.length));
  }
  buffer.set(values instanceof Float32Array ? values : Array.from(values), base.length);
  return { firstIteration: base.firstIteration, length, buffer };
}

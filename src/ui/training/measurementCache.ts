/**
 * Backend measurements kept in this browser, one entry per cost key, so a page opened again
 * starts on the fastest backend without measuring. Every entry carries a version and the browser
 * that measured it, and is checked field by field when read: anything malformed, from another
 * version or browser, or too old is ignored, as if nothing had been kept.
 */
import { BACKEND_ORDER, type BackendMeasurement, type BackendName } from '../../worker/protocol';

export const CACHE_VERSION = 1;
/** A measurement older than this is repeated: browsers and drivers change. */
export const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
const PREFIX = 'playground.backendMeasurement.';

/** The part of `localStorage` this needs (tests pass a plain map). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface CacheContext {
  readonly userAgent: string;
  /** Now, in milliseconds since the epoch. */
  readonly now: number;
}

interface CacheEntry {
  readonly version: typeof CACHE_VERSION;
  readonly userAgent: string;
  readonly savedAt: number;
  readonly results: readonly BackendMeasurement[];
}

const OUTCOMES = new Set(['measured', 'unavailable', 'failed', 'capped']);
const STAGES = new Set(['starting', 'checking', 'first-iteration', 'steady', 'done']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isDuration = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;
const isDurationOrNull = (value: unknown) => value === null || isDuration(value);

/** Whether `value` is a whole, sensible measurement verdict (a cut-short one is never kept). */
export function isMeasurement(value: unknown): value is BackendMeasurement {
  if (!isRecord(value)) return false;
  return (
    BACKEND_ORDER.includes(value.backend as BackendName) &&
    OUTCOMES.has(value.outcome as string) &&
    typeof value.detail === 'string' &&
    (value.checkPassed === null || typeof value.checkPassed === 'boolean') &&
    (value.adapter === null || typeof value.adapter === 'string') &&
    typeof value.software === 'boolean' &&
    isDurationOrNull(value.firstIterationMs) &&
    isDurationOrNull(value.msPerIteration) &&
    Number.isInteger(value.timedIterations) &&
    (value.timedIterations as number) >= 0 &&
    isDuration(value.capMs) &&
    STAGES.has(value.stoppedAt as string)
  );
}

/** The measurements in one stored entry, or null if it cannot be trusted. */
export function parseEntry(
  text: string | null,
  context: CacheContext,
): BackendMeasurement[] | null {
  if (text === null) return null;
  let entry: unknown;
  try {
    entry = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(entry) || entry.version !== CACHE_VERSION) return null;
  if (entry.userAgent !== context.userAgent) return null;
  if (!isDuration(entry.savedAt) || context.now - entry.savedAt > MAX_AGE_MS) return null;
  if (entry.savedAt > context.now) return null;
  const results = entry.results;
  if (!Array.isArray(results) || !results.every(isMeasurement)) return null;
  const backends = results.map((m) => m.backend);
  if (new Set(backends).size !== backends.length) return null;
  return results;
}

/** What this browser measured for `key`, or nothing. */
export function loadMeasurements(
  store: KeyValueStore | null,
  key: string,
  context: CacheContext,
): BackendMeasurement[] {
  try {
    return parseEntry(store?.getItem(PREFIX + key) ?? null, context) ?? [];
  } catch {
    return [];
  }
}

/** Keeps the verdicts of a measurement of `key` (a backend cut short is measured another time). */
export function saveMeasurements(
  store: KeyValueStore | null,
  key: string,
  results: readonly BackendMeasurement[],
  context: CacheContext,
): void {
  const kept = results.filter(isMeasurement);
  if (store === null || kept.length === 0) return;
  const entry: CacheEntry = {
    version: CACHE_VERSION,
    userAgent: context.userAgent,
    savedAt: context.now,
    results: kept,
  };
  try {
    store.setItem(PREFIX + key, JSON.stringify(entry));
  } catch {
    // A full or refused storage only means measuring again next time.
  }
}

export function forgetMeasurements(store: KeyValueStore | null, key: string): void {
  try {
    store?.removeItem(PREFIX + key);
  } catch {
    // Nothing kept, nothing to forget.
  }
}

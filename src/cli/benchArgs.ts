/** What the benchmark scripts' options share. */

/** A positive finite number written as `value`, or null. */
export function positiveNumber(value: string): number | null {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : null;
}

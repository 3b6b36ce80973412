/** Axis domains and ticks the charts compute themselves, so they stay steady while data streams. */

const NICE_STEPS = [1, 2, 5] as const;

/** The largest 1, 2 or 5 times a power of ten at or below `value` (> 0). */
function niceFloor(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (let i = NICE_STEPS.length - 1; i >= 0; i -= 1) {
    const candidate = NICE_STEPS[i]! * power;
    if (candidate <= value * (1 + 1e-9)) return candidate;
  }
  return power;
}

/** The smallest 1, 2 or 5 times a power of ten at or above `value` (> 0). */
function niceCeil(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of NICE_STEPS) {
    const candidate = step * power;
    if (candidate >= value * (1 - 1e-9)) return candidate;
  }
  return 10 * power;
}

export interface LogAxis {
  readonly domain: readonly [number, number];
  readonly ticks: number[];
}

/** A log-scale axis covering [min, max] (both > 0), with ticks at 1, 2 and 5 per decade or fewer. */
export function logAxis(min: number, max: number): LogAxis {
  let low = Number.isFinite(min) && min > 0 ? min : 1e-3;
  let high = Number.isFinite(max) && max > 0 ? max : 1;
  if (high < low) [low, high] = [high, low];
  if (high / low < 2.5) {
    const middle = Math.sqrt(low * high);
    low = middle / 1.6;
    high = middle * 1.6;
  }
  const domain = [niceFloor(low), niceCeil(high)] as const;
  const decades = Math.log10(domain[1] / domain[0]);
  const perDecade: readonly number[] = decades <= 2 ? NICE_STEPS : [1];
  const everyOther = decades > 6;
  const ticks: number[] = [];
  const first = Math.floor(Math.log10(domain[0]));
  const last = Math.ceil(Math.log10(domain[1]));
  for (let exponent = first; exponent <= last; exponent += 1) {
    if (everyOther && (exponent - first) % 2 !== 0) continue;
    for (const step of perDecade) {
      const tick = Number((step * 10 ** exponent).toPrecision(6));
      if (tick >= domain[0] * (1 - 1e-9) && tick <= domain[1] * (1 + 1e-9)) ticks.push(tick);
    }
  }
  return { domain, ticks };
}

const ITERATION_STEPS = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10] as const;

/** A round upper end for an iteration axis that grows with the run: 10, 150, 2,500, 80,000. */
export function iterationAxisEnd(lastIteration: number): number {
  const value = Math.max(10, lastIteration);
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of ITERATION_STEPS) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
}

/** Evenly spaced round ticks from 0 to `end` (an iterationAxisEnd value). */
export function iterationTicks(end: number): number[] {
  const rough = end / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step =
    [1, 2, 2.5, 5, 10].map((s) => s * power).find((s) => end / s <= 6 && Number.isInteger(s)) ??
    Math.ceil(rough);
  const ticks: number[] = [];
  for (let tick = 0; tick <= end + 1e-9; tick += step) ticks.push(Math.round(tick));
  return ticks;
}

/** Fine-tuning step ticks: every step up to 10 steps, else round steps, and the last. */
export function stepTicks(last: number): number[] {
  const every = last <= 10 ? 1 : last <= 25 ? 5 : 10;
  const ticks: number[] = [];
  for (let step = 0; step < last; step += every) ticks.push(step);
  ticks.push(last);
  return ticks;
}

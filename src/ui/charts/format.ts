/** Number formats for chart ticks and chart summaries. */

/** A loss with three significant digits, in exponent form when very small or very large. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const size = Math.abs(value);
  if (size !== 0 && (size < 1e-3 || size >= 1e5)) return value.toExponential(2);
  return value.toPrecision(3);
}

/** The half-width of an interval, with two significant digits. */
export function formatSpread(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const size = Math.abs(value);
  if (size !== 0 && (size < 1e-3 || size >= 1e5)) return value.toExponential(1);
  return value.toPrecision(2);
}

/** A short tick label: 0.01, 0.5, 2, 100, 1e-4, 1e6. */
export function formatTick(value: number): string {
  if (value === 0) return '0';
  const size = Math.abs(value);
  if (size < 1e-3 || size >= 1e5) {
    const [mantissa = '', exponent = ''] = value.toExponential(0).split('e');
    return `${mantissa}e${exponent.replace('+', '')}`;
  }
  return String(Number(value.toPrecision(2)));
}

const COUNT_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** An iteration count with thousands separators: 12,500. */
export function formatCount(value: number): string {
  return COUNT_FORMAT.format(value);
}

/** "1 step", "10 steps". */
export function stepsText(steps: number): string {
  return `${steps} ${steps === 1 ? 'step' : 'steps'}`;
}

/** Small text formatters for the status bar. */

/** e.g. "123 it/s", "4.5 it/s", "0.31 it/s". */
export function formatRate(iterationsPerSecond: number): string {
  const rate = Math.max(0, iterationsPerSecond);
  if (rate === 0) return '0 it/s';
  const digits = rate >= 10 ? 0 : rate >= 1 ? 1 : 2;
  return `${rate.toFixed(digits)} it/s`;
}

/** A duration rounded to what matters: "45s", "2m 10s", "1h 5m". */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.ceil(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = total % 60;
  if (hours > 0) return `${hours}h ${minutes}m`;
  if (minutes > 0) return `${minutes}m ${secs}s`;
  return `${secs}s`;
}

/** Seconds until `total` iterations at this rate, or null when there is no rate to go by. */
export function secondsLeft(iteration: number, total: number, rate: number): number | null {
  if (!(rate > 0) || !Number.isFinite(rate)) return null;
  return Math.max(0, total - iteration) / rate;
}

/** A loss with four significant digits, in exponent form when very small or large. */
export function formatLoss(loss: number): string {
  if (!Number.isFinite(loss)) return String(loss);
  const size = Math.abs(loss);
  if (size !== 0 && (size < 1e-3 || size >= 1e5)) return loss.toExponential(3);
  return loss.toPrecision(4);
}

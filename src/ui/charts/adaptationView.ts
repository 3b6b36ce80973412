/**
 * Adaptation curves ready to draw on one shared axis: losses on a log axis fitted to all of them
 * (capped, so one model that blows up does not flatten the rest), accuracies on 0..1. Each curve's
 * band is clamped to the axis; a mean that cannot be drawn (not finite, or not positive on a log
 * axis) is null, which breaks the line there. Then one row per fine-tuning step for recharts.
 */
import type { AdaptationCurve } from '../../core/trainer';
import { logAxis, type LogAxis } from './scales';

/** The top of the loss axis is at most this many times the largest loss before any step. */
const MAX_GROWTH_SHOWN = 100;

/** Losses on a log axis fitted to them; accuracies on the fixed 0-100% axis. */
export type ValueAxis =
  { readonly kind: 'log'; readonly log: LogAxis } | { readonly kind: 'accuracy' };

/** A curve clamped to its axis: mean and interval edges per step (a null mean is not drawn). */
export interface StepCurve {
  readonly mean: readonly (number | null)[];
  readonly lower: readonly number[];
  readonly upper: readonly number[];
}

export interface CurveView {
  readonly axis: ValueAxis;
  readonly curves: readonly StepCurve[];
}

function clamp(
  curve: AdaptationCurve,
  steps: number,
  [bottom, top]: readonly [number, number],
  usable: (value: number) => boolean,
): StepCurve {
  const limit = (value: number) => Math.min(Math.max(value, bottom), top);
  const mean: (number | null)[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  for (let i = 0; i < steps; i += 1) {
    const m = curve.mean[i];
    const ci = curve.ci95[i];
    const spread = ci !== undefined && Number.isFinite(ci) ? ci : 0;
    const ok = m !== undefined && usable(m);
    mean.push(ok ? m : null);
    lower.push(ok ? limit(m - spread) : top);
    upper.push(ok ? limit(m + spread) : top);
  }
  return { mean, lower, upper };
}

const positive = (value: number) => Number.isFinite(value) && value > 0;

export function lossView(curves: readonly AdaptationCurve[], steps: number): CurveView {
  const start = Math.max(0, ...curves.map((c) => c.mean[0] ?? 0).filter(Number.isFinite));
  const cap = start > 0 ? start * MAX_GROWTH_SHOWN : Infinity;
  let low = Infinity;
  let high = 0;
  for (const { mean, ci95 } of curves) {
    mean.forEach((m, i) => {
      if (!positive(m)) return;
      const spread = ci95[i] ?? 0;
      const lower = m - spread;
      low = Math.min(low, lower > 0 ? lower : m / 2);
      high = Math.max(high, Math.min(m + spread, cap));
    });
  }
  const log = logAxis(low, high);
  return {
    axis: { kind: 'log', log },
    curves: curves.map((curve) => clamp(curve, steps, log.domain, positive)),
  };
}

export function accuracyView(curves: readonly AdaptationCurve[], steps: number): CurveView {
  return {
    axis: { kind: 'accuracy' },
    curves: curves.map((curve) => clamp(curve, steps, [0, 1], Number.isFinite)),
  };
}

/** The data keys of series `key`'s mean and band in the rows. */
export const meanKey = (key: string) => `mean_${key}`;
export const bandKey = (key: string) => `band_${key}`;

/** One row per step: the step, and each series' mean and [lower, upper] band under its keys. */
export function adaptationRows(
  steps: readonly number[],
  keys: readonly string[],
  curves: readonly StepCurve[],
): Record<string, number | null | readonly [number, number]>[] {
  return steps.map((step, i) => {
    const row: Record<string, number | null | readonly [number, number]> = { step };
    keys.forEach((key, k) => {
      const curve = curves[k];
      if (curve === undefined) return;
      const mean = curve.mean[i] ?? null;
      row[meanKey(key)] = mean;
      row[bandKey(key)] = mean === null ? null : [curve.lower[i] ?? mean, curve.upper[i] ?? mean];
    });
    return row;
  });
}

/** A mean above the top of a log axis: the chart cannot show it, so the summary says it. */
export interface OffChart {
  readonly index: number;
  readonly step: number;
  readonly mean: number;
}

/** The largest mean of the curves beyond the top of the axis, if any. */
export function worstOffChart(
  curves: readonly AdaptationCurve[],
  steps: readonly number[],
  view: CurveView,
): OffChart | null {
  if (view.axis.kind !== 'log') return null;
  const top = view.axis.log.domain[1];
  let worst: OffChart | null = null;
  curves.forEach((curve, index) => {
    steps.forEach((step, i) => {
      const mean = curve.mean[i];
      if (mean === undefined || !Number.isFinite(mean) || mean <= top) return;
      if (worst === null || mean > worst.mean) worst = { index, step, mean };
    });
  });
  return worst;
}

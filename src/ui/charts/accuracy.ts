/**
 * What every accuracy chart shares: a fixed 0-100% axis (so curves never jump while they stream),
 * percent formats, and chance level (one in `ways`), drawn as a labelled reference line.
 */
import type { LegendItem } from './ChartLegend';

export const ACCURACY_TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1] as const;

/** 0.8 as "80%" (ticks). */
export function formatPercentTick(value: number): string {
  return `${Math.round(value * 100)}%`;
}

/** 0.8125 as "81.3%". */
export function formatPercent(value: number): string {
  return Number.isFinite(value) ? `${(value * 100).toFixed(1)}%` : 'not a number';
}

/** A half-width in percentage points: "± 2.1". */
export function formatPercentSpread(value: number): string {
  return Number.isFinite(value) ? `± ${(value * 100).toFixed(1)}` : '';
}

export function chanceOf(ways: number): number {
  return 1 / Math.max(1, ways);
}

/** "Chance (1 in 5, 20%)". */
export function chanceText(ways: number): string {
  return `Chance (1 in ${ways}, ${formatPercent(chanceOf(ways))})`;
}

export function chanceLegend(ways: number): LegendItem {
  return { label: chanceText(ways), color: 'var(--muted)', kind: 'line', dash: '2 4', width: 1.5 };
}

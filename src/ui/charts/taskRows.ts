/**
 * The latest meta-batch's tasks as chart rows: each task's query loss before and after its inner
 * steps, worst start first, so the chart reads as one calm shape.
 */
import type { SeriesSlice } from '../store/seriesSlice';

export interface TaskRow {
  /** 1 for the task that started worst. */
  readonly rank: number;
  /** Not drawn (null) unless a positive finite number, as the axis is logarithmic. */
  readonly before: number | null;
  readonly after: number | null;
}

/** A point of the connectors' line: before, after, then a gap, for each task. */
export interface ConnectorPoint {
  readonly rank: number;
  readonly loss: number | null;
}

function drawable(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : null;
}

/**
 * Rows of the latest meta-batch. Losses before adaptation are computed only while a view shows
 * them: an iteration without them gives rows of the after-losses alone, worst first.
 */
export function taskRows(series: Pick<SeriesSlice, 'taskLossBefore' | 'taskLossAfter'>) {
  const { taskLossBefore: before, taskLossAfter: after } = series;
  const count = after.length;
  const order = Array.from({ length: count }, (_, i) => i);
  const key = before.length === count ? before : after;
  order.sort((a, b) => (key[b] ?? 0) - (key[a] ?? 0));
  return order.map((task, rank): TaskRow => ({
    rank: rank + 1,
    before: drawable(before[task]),
    after: drawable(after[task]),
  }));
}

/** One line that joins each task's two losses and breaks between tasks. */
export function connectorPoints(rows: readonly TaskRow[]): ConnectorPoint[] {
  return rows.flatMap(({ rank, before, after }) =>
    before === null || after === null
      ? []
      : [
          { rank, loss: before },
          { rank, loss: after },
          { rank, loss: null },
        ],
  );
}

/** Rank ticks a label apart: every task when there is room, else 1, round ranks and the last. */
export function rankTicks(count: number, width: number): number[] {
  const labels = Math.max(2, Math.floor(width / 28));
  if (count <= labels) return Array.from({ length: count }, (_, i) => i + 1);
  const step = [2, 5, 10, 20, 25, 50, 100].find((s) => count / s <= labels) ?? 100;
  // Odd ranks when every other one fits; otherwise 1 and multiples of a round step.
  const ticks = [1];
  for (let rank = step === 2 ? 3 : step; rank <= count; rank += step) ticks.push(rank);
  if (ticks.at(-1) !== count) {
    if (count - ticks.at(-1)! < step * 0.6) ticks.pop();
    ticks.push(count);
  }
  return ticks;
}

export function median(values: readonly (number | null)[]): number {
  const sorted = values.filter((value): value is number => value !== null).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

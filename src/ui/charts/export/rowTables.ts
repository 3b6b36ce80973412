/** Tables of the charts drawn one row per item (a task, a layer) rather than over iterations. */
import type { ChartTable, TableAxis, TableColumn } from './chartTable';
import { seriesOf } from './curveTables';

/** A table of `rows` with its x under `x.key` and each column under its `key`. */
export function rowsTable(
  x: TableAxis,
  rows: readonly object[],
  columns: readonly (TableColumn & { readonly key: string; readonly end?: 0 | 1 })[],
): ChartTable {
  return { x, series: columns.map(({ key, end, ...column }) => seriesOf(column, rows, key, end)) };
}

/**
 * Sets of points drawn as scatters or paths on two value axes: each set's points in the order
 * drawn, x in the first column and y in the set's own column.
 */
export function pointSetsTable(
  x: TableAxis,
  y: TableColumn & { readonly key: string },
  sets: readonly { readonly label: string; readonly points: readonly object[] }[],
): ChartTable {
  return {
    x,
    series: sets.map(({ label, points }) =>
      seriesOf({ label: `${label}: ${y.label}`, unit: y.unit }, points, y.key),
    ),
    lines: 'by-series',
  };
}

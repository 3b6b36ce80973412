/**
 * What a chart draws, described for export: its x axis and each series, each read from the very
 * rows the chart hands recharts (by the same data key), so a file holds exactly what is drawn.
 */

/** A column's name and, where it has one, its unit: "loss (MSE)". */
export interface TableColumn {
  readonly label: string;
  readonly unit?: string | undefined;
}

/** The x axis: its column and the data key its value has in every series' rows. */
export interface TableAxis extends TableColumn {
  readonly key: string;
}

/** One drawn series: the rows it is drawn from and the key of its value in them. */
export interface TableSeries extends TableColumn {
  readonly rows: readonly object[];
  readonly key: string;
  /** For a value drawn as a range `[low, high]` (a band): which end this column holds. */
  readonly end?: 0 | 1;
}

export interface ChartTable {
  readonly x: TableAxis;
  readonly series: readonly TableSeries[];
  /**
   * 'by-x' (the default): one line per x value, the series side by side. 'by-series': each
   * series' points in the order drawn, one after another, for scatters and paths whose order
   * matters and whose points rarely share an x.
   */
  readonly lines?: 'by-x' | 'by-series';
}

/** Builds a chart's table on demand, so a chart pays nothing for export until it is asked for. */
export type ChartTableSource = () => ChartTable | null;

/** "label (unit)", or the label alone. */
export function columnHeader({ label, unit }: TableColumn): string {
  return unit === undefined || unit === '' ? label : `${label} (${unit})`;
}

/** A series' value in one of its rows, or undefined when the row has none. */
export function cellValue(row: object, key: string, end?: 0 | 1): unknown {
  const value: unknown = (row as Record<string, unknown>)[key];
  if (end === undefined) return value;
  return Array.isArray(value) ? (value as unknown[])[end] : undefined;
}

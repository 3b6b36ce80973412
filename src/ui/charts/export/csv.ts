/**
 * A chart's table as CSV (RFC 4180): a header naming the x axis and each series with its unit,
 * then one line per x value the chart draws, in order (or each series' points in turn). Numbers are written as JavaScript's
 * shortest round-trip form (`String(value)`: parsing the text gives back the same double);
 * missing, null and non-finite values are empty cells.
 */
import { cellValue, columnHeader, type ChartTable } from './chartTable';

/** Quotes a cell that holds a comma, a quote or a line break, doubling its quotes. */
export function csvText(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One cell: a finite number in full, text quoted as needed, anything else empty. */
export function csvCell(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'string') return csvText(value);
  return '';
}

type XValue = number | string;

function isXValue(value: unknown): value is XValue {
  return (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'string';
}

/**
 * The x values of all series in the order drawn (ascending when they are all numbers), each with,
 * per series, the values it has there in its row order. A series with several rows at one x
 * (e.g. a bucket's lowest and highest value) gives that x several lines.
 */
function groupByX(table: ChartTable): { x: XValue; values: unknown[][] }[] {
  const groups = new Map<XValue, unknown[][]>();
  table.series.forEach((series, column) => {
    for (const row of series.rows) {
      const x = cellValue(row, table.x.key);
      if (!isXValue(x)) continue;
      let values = groups.get(x);
      if (values === undefined) {
        values = table.series.map(() => []);
        groups.set(x, values);
      }
      values[column]!.push(cellValue(row, series.key, series.end));
    }
  });
  const entries = [...groups].map(([x, values]) => ({ x, values }));
  if (entries.every(({ x }) => typeof x === 'number')) {
    entries.sort((a, b) => (a.x as number) - (b.x as number));
  }
  return entries;
}

/** Each series' points in drawn order, one line each, its value in its own column. */
function bySeries(table: ChartTable): string[] {
  return table.series.flatMap((series, column) =>
    series.rows.map((row) => {
      const cells = table.series.map((_, i) =>
        i === column ? csvCell(cellValue(row, series.key, series.end)) : '',
      );
      return [csvCell(cellValue(row, table.x.key)), ...cells].join(',');
    }),
  );
}

/** The whole file, lines ending in CRLF as RFC 4180 asks. */
export function chartCsv(table: ChartTable): string {
  const header = [table.x, ...table.series].map((column) => csvText(columnHeader(column)));
  const lines = [header.join(',')];
  if (table.lines === 'by-series') lines.push(...bySeries(table));
  else lines.push(...byX(table));
  return `${lines.join('\r\n')}\r\n`;
}

/** One line per x value, with a further line where a series has several values at one x. */
function byX(table: ChartTable): string[] {
  const lines: string[] = [];
  for (const { x, values } of groupByX(table)) {
    const depth = Math.max(1, ...values.map((column) => column.length));
    for (let i = 0; i < depth; i += 1) {
      lines.push([csvCell(x), ...values.map((column) => csvCell(column[i]))].join(','));
    }
  }
  return lines;
}

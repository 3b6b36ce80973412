/**
 * The CSV a chart downloads: a header naming the x axis and every series with its unit, one line
 * per drawn x value, numbers that parse back to the very same doubles, empty cells where nothing
 * is drawn, and RFC 4180 quoting. Files are read back with a reader written from the RFC
 * (tests/helpers/csvRecords.ts), independent of the code under test.
 */
import { describe, expect, it } from 'vitest';
import { adaptationRows, accuracyView } from '../../src/ui/charts/adaptationView';
import type { ChartTable } from '../../src/ui/charts/export/chartTable';
import { chartCsv, csvCell, csvText } from '../../src/ui/charts/export/csv';
import {
  adaptationTable,
  lossQuantity,
  trainingCurveTable,
} from '../../src/ui/charts/export/curveTables';
import { exportFileName } from '../../src/ui/charts/export/fileName';
import { lossCurve } from '../../src/ui/charts/lossCurve';
import { appendLosses, emptyLossSeries } from '../../src/ui/store/lossSeries';
import { csvRecords as parseCsv } from '../helpers/csvRecords';

const X = { label: 'iteration', key: 'iteration' } as const;

describe('chart CSV', () => {
  it('names the x axis and each series with its unit, then one line per x value', () => {
    const rows = [
      { iteration: 1, raw: 2.5, smooth: 2.5 },
      { iteration: 2, raw: 1.25, smooth: 2 },
    ];
    const table: ChartTable = {
      x: X,
      series: [
        { label: 'MAML meta-training loss', unit: 'MSE', rows, key: 'raw' },
        { label: 'moving average', unit: 'MSE', rows, key: 'smooth' },
      ],
    };
    const text = chartCsv(table);
    expect(text).toBe(
      'iteration,MAML meta-training loss (MSE),moving average (MSE)\r\n1,2.5,2.5\r\n2,1.25,2\r\n',
    );
  });

  it('writes numbers that parse back to the same doubles', () => {
    const values = [0.1 + 0.2, 1e-300, 123456789.123, Math.fround(0.3), 2 ** -1074, -7.5e21, 1 / 3];
    const rows = values.map((value, i) => ({ iteration: i, value }));
    const text = chartCsv({ x: X, series: [{ label: 'v', rows, key: 'value' }] });
    const parsed = parseCsv(text).slice(1);
    expect(parsed.map((line) => Number(line[0]))).toEqual(values.map((_, i) => i));
    parsed.forEach((line, i) => {
      expect(Number(line[1])).toBe(values[i]);
    });
    // Exponent form where JavaScript uses it: still a number every spreadsheet reads.
    expect(parsed[1]![1]).toBe('1e-300');
  });

  it('leaves missing, null, NaN and infinite values as empty cells', () => {
    const rows = [
      { iteration: 0, a: Number.NaN, b: 1 },
      { iteration: 1, a: null, b: Number.POSITIVE_INFINITY },
      { iteration: 2, b: Number.NEGATIVE_INFINITY },
      { iteration: 3, a: 4, b: undefined },
    ];
    const table: ChartTable = {
      x: X,
      series: [
        { label: 'a', rows, key: 'a' },
        { label: 'b', rows, key: 'b' },
      ],
    };
    expect(parseCsv(chartCsv(table))).toEqual([
      ['iteration', 'a', 'b'],
      ['0', '', '1'],
      ['1', '', ''],
      ['2', '', ''],
      ['3', '4', ''],
    ]);
  });

  it('quotes fields holding commas, quotes or line breaks, doubling the quotes', () => {
    expect(csvText('plain text')).toBe('plain text');
    expect(csvText('a, b')).toBe('"a, b"');
    expect(csvText('the "best" one')).toBe('"the ""best"" one"');
    expect(csvText('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(true)).toBe('');
    const rows = [{ label: 'task "1", noisy', sigma: 0.5 }];
    const text = chartCsv({
      x: { label: 'task', key: 'label' },
      series: [{ label: 'sigma, learned', unit: 'std, of "y"', rows, key: 'sigma' }],
    });
    expect(text).toBe('task,"sigma, learned (std, of ""y"")"\r\n"task ""1"", noisy",0.5\r\n');
    expect(parseCsv(text)).toEqual([
      ['task', 'sigma, learned (std, of "y")'],
      ['task "1", noisy', '0.5'],
    ]);
  });

  it('merges series drawn from different rows by x, in ascending order', () => {
    const everyIteration = [1, 2, 3, 4].map((iteration) => ({ iteration, smooth: iteration * 10 }));
    const evaluations = [
      { iteration: 4, learner: 0.5 },
      { iteration: 0, learner: 0.9 },
    ];
    const text = chartCsv({
      x: X,
      series: [
        { label: 'training', rows: everyIteration, key: 'smooth' },
        { label: 'held-out', rows: evaluations, key: 'learner' },
      ],
    });
    expect(parseCsv(text)).toEqual([
      ['iteration', 'training', 'held-out'],
      ['0', '', '0.9'],
      ['1', '10', ''],
      ['2', '20', ''],
      ['3', '30', ''],
      ['4', '40', '0.5'],
    ]);
  });

  it('gives an x value drawn twice in one series a line for each, and keeps text x in order', () => {
    const rows = [
      { label: 'layer 2', low: 1 },
      { label: 'layer 1', low: 2 },
      { label: 'layer 2', low: 3 },
    ];
    const text = chartCsv({
      x: { label: 'layer', key: 'label' },
      series: [{ label: 'low', rows, key: 'low' }],
    });
    expect(parseCsv(text)).toEqual([
      ['layer', 'low'],
      ['layer 2', '1'],
      ['layer 2', '3'],
      ['layer 1', '2'],
    ]);
  });

  it('writes a training curve exactly as the chart draws it: one line per drawn point', () => {
    const losses = Array.from({ length: 40 }, (_, i) => 3 / (1 + i));
    losses[7] = Number.NaN;
    const series = appendLosses(emptyLossSeries(), losses, 1);
    const curve = lossCurve(series, 5);
    const table = trainingCurveTable({
      curve,
      learner: 'MAML',
      quantity: lossQuantity('MSE'),
      span: 5,
    });
    const [header, ...lines] = parseCsv(chartCsv(table));
    expect(header).toEqual([
      'iteration',
      'MAML meta-training loss (MSE)',
      'MAML meta-training loss, moving average over 5 iterations (MSE)',
    ]);
    expect(lines).toHaveLength(curve.points.length);
    expect(lines).toHaveLength(40);
    lines.forEach((line, i) => {
      const point = curve.points[i]!;
      expect(Number(line[0])).toBe(point.iteration);
      expect(line[1] === '' ? null : Number(line[1])).toBe(point.raw);
      expect(line[2] === '' ? null : Number(line[2])).toBe(point.smooth);
    });
    // The loss that is not a number is drawn as a gap: an empty cell, the average goes on.
    expect(lines[7]![1]).toBe('');
    expect(Number(lines[7]![2])).toBeGreaterThan(0);
    // Each value is the float32 the store holds, written in full.
    expect(Number(lines[2]![1])).toBe(Math.fround(1));
    expect(Number(lines[3]![1])).toBe(Math.fround(0.75));
  });

  it('writes adaptation curves with each band as its two ends', () => {
    const curves = [
      { mean: [0.5, 0.75], ci95: [0.1, 0.05] },
      { mean: [0.5, Number.NaN], ci95: [0.2, 0.2] },
    ];
    const view = accuracyView(curves, 2);
    const rows = adaptationRows([0, 1], ['learner', 'scratch'], view.curves);
    const table = adaptationTable({
      rows,
      series: [
        { label: 'MAML', mean: 'mean_learner', band: 'band_learner' },
        { label: 'Scratch', mean: 'mean_scratch', band: 'band_scratch' },
      ],
      quantity: { what: 'accuracy', unit: 'fraction correct, 0-1' },
    });
    const records = parseCsv(chartCsv(table));
    expect(records[0]).toEqual([
      'fine-tuning step',
      'MAML mean held-out accuracy (fraction correct, 0-1)',
      'MAML 95% interval low (fraction correct, 0-1)',
      'MAML 95% interval high (fraction correct, 0-1)',
      'Scratch mean held-out accuracy (fraction correct, 0-1)',
      'Scratch 95% interval low (fraction correct, 0-1)',
      'Scratch 95% interval high (fraction correct, 0-1)',
    ]);
    expect(records.slice(1).map((line) => line.map(Number))).toEqual([
      [0, 0.5, 0.4, 0.6, 0.5, 0.3, 0.7],
      [1, 0.75, 0.7, 0.8, 0, 0, 0],
    ]);
    // A mean that is not a number is not drawn, and neither is its band.
    expect(records[2]!.slice(4)).toEqual(['', '', '']);
  });
});

describe('export file names', () => {
  it('come from the chart title', () => {
    expect(exportFileName('Adaptation to new tasks', 'csv')).toBe('adaptation-to-new-tasks.csv');
    expect(exportFileName('MAML: learned inner learning rates', 'png')).toBe(
      'maml-learned-inner-learning-rates.png',
    );
    expect(exportFileName('Meta-training loss, side by side', 'svg')).toBe(
      'meta-training-loss-side-by-side.svg',
    );
    expect(exportFileName('Café ∑', 'csv')).toBe('cafe.csv');
    expect(exportFileName('…', 'csv')).toBe('chart.csv');
  });
});

describe('chart CSV of scatters and paths', () => {
  it('lists each series in the order drawn, its value in its own column', () => {
    const path = [
      { w: 0, b: 0 },
      { w: 2, b: 1 },
      { w: 1, b: 3 },
    ];
    const optima = [{ w: 1, b: -1 }];
    const text = chartCsv({
      x: { label: 'w (slope)', key: 'w' },
      series: [
        { label: 'MAML path, b (intercept)', rows: path, key: 'b' },
        { label: 'task optimum, b (intercept)', rows: optima, key: 'b' },
      ],
      lines: 'by-series',
    });
    expect(parseCsv(text)).toEqual([
      ['w (slope)', 'MAML path, b (intercept)', 'task optimum, b (intercept)'],
      ['0', '0', ''],
      ['2', '1', ''],
      ['1', '3', ''],
      ['1', '', '-1'],
    ]);
  });
});

/**
 * The tables of the page's curve charts, built from the same rows and data keys the charts hand
 * recharts: training curves over iterations, held-out results at intervals, and adaptation
 * curves over fine-tuning steps.
 */
import type { LossCurve } from '../lossCurve';
import type { ModelKey } from '../palette';
import type { ChartTable, TableAxis, TableColumn, TableSeries } from './chartTable';

/** What a curve's values are: "loss" in "MSE", or "accuracy" as a fraction of 1. */
export interface Quantity {
  readonly what: string;
  readonly unit: string;
}

/** The unit of accuracies: the charts draw them as fractions from 0 to 1. */
export const ACCURACY_UNIT = 'fraction correct, 0-1';

export function lossQuantity(lossName: string): Quantity {
  return { what: 'loss', unit: lossName };
}

export function accuracyQuantity(): Quantity {
  return { what: 'accuracy', unit: ACCURACY_UNIT };
}

export const ITERATION_AXIS: TableAxis = { label: 'iteration', key: 'iteration' };
export const STEP_AXIS: TableAxis = { label: 'fine-tuning step', key: 'step' };

/** A series read from `rows` under `key`. */
export function seriesOf(
  column: TableColumn,
  rows: readonly object[],
  key: string,
  end?: 0 | 1,
): TableSeries {
  return end === undefined ? { ...column, rows, key } : { ...column, rows, key, end };
}

interface TrainingCurveTable {
  readonly curve: LossCurve;
  readonly learner: string;
  readonly quantity: Quantity;
  readonly span: number;
  /** Held-out results drawn over the curve, one row per evaluation, by model. */
  readonly heldOut?: HeldOutTable | undefined;
}

/** A training curve (each iteration and its moving average), and any held-out lines over it. */
export function trainingCurveTable(table: TrainingCurveTable): ChartTable {
  const { curve, learner, quantity, span } = table;
  const name = `${learner} meta-training ${quantity.what}`;
  return {
    x: ITERATION_AXIS,
    series: [
      seriesOf({ label: name, unit: quantity.unit }, curve.points, 'raw'),
      seriesOf(
        { label: `${name}, moving average over ${span} iterations`, unit: quantity.unit },
        curve.points,
        'smooth',
      ),
      ...(table.heldOut === undefined ? [] : heldOutTable(table.heldOut).series),
    ],
  };
}

interface HeldOutTable {
  readonly rows: readonly object[];
  readonly models: readonly ModelKey[];
  readonly labels: Readonly<Record<ModelKey, { readonly label: string }>>;
  readonly quantity: Quantity;
  /** The fine-tuning steps the results are after. */
  readonly steps: number;
}

/** Held-out results at intervals: each model's mean after `steps` fine-tuning steps. */
export function heldOutTable({ rows, models, labels, quantity, steps }: HeldOutTable): ChartTable {
  const after = `after ${steps} fine-tuning ${steps === 1 ? 'step' : 'steps'}`;
  return {
    x: ITERATION_AXIS,
    series: models.map((model) =>
      seriesOf(
        { label: `${labels[model].label} held-out ${quantity.what} ${after}`, unit: quantity.unit },
        rows,
        model,
      ),
    ),
  };
}

interface AdaptationTable {
  readonly rows: readonly object[];
  /** Each drawn series: its label and the keys of its mean and its 95% band in the rows. */
  readonly series: readonly {
    readonly label: string;
    readonly mean: string;
    readonly band: string;
  }[];
  readonly quantity: Quantity;
}

/**
 * Adaptation curves: per series its mean over new tasks and the 95% interval as drawn (clamped
 * to the axis, as the chart draws it).
 */
export function adaptationTable({ rows, series, quantity }: AdaptationTable): ChartTable {
  const { what, unit } = quantity;
  return {
    x: STEP_AXIS,
    series: series.flatMap(({ label, mean, band }) => [
      seriesOf({ label: `${label} mean held-out ${what}`, unit }, rows, mean),
      seriesOf({ label: `${label} 95% interval low`, unit }, rows, band, 0),
      seriesOf({ label: `${label} 95% interval high`, unit }, rows, band, 1),
    ]),
  };
}

/** The tables of the comparison charts, from the rows each of their series is drawn from. */
import { bandKey, meanKey } from '../adaptationView';
import type { LossCurve } from '../lossCurve';
import type { ChartTable } from './chartTable';
import { adaptationTable, ITERATION_AXIS, seriesOf, type Quantity } from './curveTables';

/** Each compared algorithm's moving average, drawn from its own curve's points. */
export function compareLossTable(
  lines: readonly { readonly label: string; readonly curve: LossCurve }[],
  span: number,
  lossName: string,
): ChartTable {
  return {
    x: ITERATION_AXIS,
    series: lines.map(({ label, curve }) =>
      seriesOf(
        {
          label: `${label} meta-training loss, moving average over ${span} iterations`,
          unit: lossName,
        },
        curve.points,
        'smooth',
      ),
    ),
  };
}

/** Every compared model's adaptation curve and band, from the rows the chart draws. */
export function compareAdaptationTable(
  rows: readonly object[],
  models: readonly { readonly key: string; readonly label: string }[],
  quantity: Quantity,
): ChartTable {
  return adaptationTable({
    rows,
    series: models.map(({ key, label }) => ({ label, mean: meanKey(key), band: bandKey(key) })),
    quantity,
  });
}

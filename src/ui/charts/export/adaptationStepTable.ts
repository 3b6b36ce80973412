import { bandKey, meanKey } from '../adaptationView';
import { MODEL_ORDER, type ModelKey } from '../palette';
import type { ChartTable } from './chartTable';
import { accuracyQuantity, adaptationTable, lossQuantity } from './curveTables';

/** The adaptation curves as drawn (see AdaptationChart's useAdaptationCurves). */
interface DrawnCurves {
  readonly measure: 'loss' | 'accuracy';
  readonly rows: readonly object[];
}

/** The table of the learner's and the baselines' adaptation curves, from the rows drawn. */
export function adaptationStepTable(
  curves: DrawnCurves,
  labels: Readonly<Record<ModelKey, { readonly label: string }>>,
  lossName: string,
): ChartTable {
  return adaptationTable({
    rows: curves.rows,
    series: MODEL_ORDER.map((model) => ({
      label: labels[model].label,
      mean: meanKey(model),
      band: bandKey(model),
    })),
    quantity: curves.measure === 'accuracy' ? accuracyQuantity() : lossQuantity(lossName),
  });
}

import { bandKey, meanKey } from '../adaptationView';
import { MODEL_ORDER, type ModelKey } from '../palette';
import type { ChartTable } from './chartTable';
import { accuracyQuantity, adaptationTable, lossQuantity, seriesOf } from './curveTables';

/** The adaptation curves as drawn (see AdaptationChart's useAdaptationCurves). */
interface DrawnCurves {
  readonly measure: 'loss' | 'accuracy';
  readonly rows: readonly object[];
  /** Each seed's learner curve, drawn as a line of its own. */
  readonly seedLines?: readonly { readonly seed: number; readonly key: string }[];
}

/** The table of the learner's and the baselines' adaptation curves, from the rows drawn. */
export function adaptationStepTable(
  curves: DrawnCurves,
  labels: Readonly<Record<ModelKey, { readonly label: string }>>,
  lossName: string,
): ChartTable {
  const quantity = curves.measure === 'accuracy' ? accuracyQuantity() : lossQuantity(lossName);
  const table = adaptationTable({
    rows: curves.rows,
    series: MODEL_ORDER.map((model) => ({
      label: labels[model].label,
      mean: meanKey(model),
      band: bandKey(model),
    })),
    quantity,
  });
  const seeds = (curves.seedLines ?? []).map(({ seed, key }) =>
    seriesOf(
      {
        label: `${labels.learner.label} seed ${seed} mean held-out ${quantity.what}`,
        unit: quantity.unit,
      },
      curves.rows,
      meanKey(key),
    ),
  );
  return { ...table, series: [...table.series, ...seeds] };
}

import type { ChartTable } from './chartTable';
import { seriesOf } from './curveTables';

/** The function view's drawn data: its grid rows (see plotRows) and the support points. */
interface FunctionDrawing {
  readonly rows: readonly object[];
  readonly points: readonly object[];
  readonly learner: string;
  /** The fine-tuning steps the fits are after; undefined while there are no fits. */
  readonly step: number | undefined;
  readonly showTruth: boolean;
}

/**
 * The function view as a table: the true function and both fits on the prediction grid, and the
 * support points at their own inputs (as drawn, outside the grid's inputs).
 */
export function functionTable(drawing: FunctionDrawing): ChartTable {
  const { rows, step } = drawing;
  const after = step === undefined ? '' : ` after ${step} ${step === 1 ? 'step' : 'steps'}`;
  return {
    x: { label: 'x (input)', key: 'x' },
    series: [
      ...(drawing.showTruth ? [seriesOf({ label: 'true function, y' }, rows, 'truth')] : []),
      ...(step === undefined
        ? []
        : [
            seriesOf({ label: `${drawing.learner}${after}, y` }, rows, 'learner'),
            seriesOf({ label: `Pretrained${after}, y` }, rows, 'pretrained'),
          ]),
      seriesOf({ label: 'support point, y' }, drawing.points, 'y'),
    ],
  };
}

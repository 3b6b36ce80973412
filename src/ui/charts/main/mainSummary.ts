/**
 * The main chart's summaries: short, since the chart shares the first screen, and still enough
 * to read the chart without seeing it.
 */
import type { EvaluationPoint } from '../../store/evaluationSlice';
import type { LossSeries } from '../../store/lossSeries';
import { formatPercent, formatPercentSpread } from '../accuracy';
import { formatCount, formatSpread, formatValue, stepsText } from '../format';
import { heldOutVerdict } from '../HeldOutChart';
import { heldOutStep, type HeldOutRow } from '../heldOutRows';
import type { LossCurve } from '../lossCurve';
import { firstWindowMean } from '../lossSummary';
import type { Measure } from '../MeasureToggle';
import { modelCurves } from '../modelCurves';
import { MODEL_ORDER, type ModelKey, type ModelStyle } from '../palette';

interface TrainingSummaryInput {
  readonly curve: LossCurve;
  readonly series: LossSeries;
  readonly span: number;
  readonly rows: readonly HeldOutRow[];
  readonly step: number;
  readonly measure: Measure;
  readonly styles: Readonly<Record<ModelKey, ModelStyle>>;
}

/**
 * The latest held-out check first (the verdict on meta-learning), then the training curve: its
 * moving average now against the first window of the run.
 */
export function trainingSummary(input: TrainingSummaryInput): string {
  const { curve, series, span, rows, step, measure, styles } = input;
  const format = measure === 'accuracy' ? formatPercent : formatValue;
  const parts: string[] = [];
  const last = rows.at(-1);
  if (last !== undefined) {
    parts.push(
      `Held-out after ${stepsText(step)} (iteration ${formatCount(last.iteration)}): ` +
        `${heldOutVerdict(last, ['learner', 'pretrained'], measure, styles)}.`,
    );
  }
  const latest = curve.points.at(-1)?.smooth ?? null;
  if (latest === null) {
    parts.push('No meta-iterations yet.');
  } else {
    const start = firstWindowMean(series, span);
    const direction =
      start === null ? '' : latest < start ? 'down' : latest > start ? 'up' : 'unchanged';
    const trend =
      start === null || curve.lastIteration - series.firstIteration + 1 <= span
        ? ''
        : `, ${direction} from ${format(start)}`;
    parts.push(
      `Training ${measure} ${format(latest)} at iteration ${formatCount(curve.lastIteration)} ` +
        `(average of ${span})${trend}.`,
    );
  }
  return parts.join(' ');
}

/** The latest evaluation after the step the held-out results are read at, with 95% intervals. */
export function adaptationBrief(
  point: EvaluationPoint,
  measure: Measure,
  styles: Readonly<Record<ModelKey, ModelStyle>>,
  classification: boolean,
): string {
  const { evaluation, iteration } = point;
  const step = heldOutStep(evaluation.steps.length, classification);
  const accuracy = measure === 'accuracy' ? modelCurves(evaluation, 'accuracy') : null;
  const source = accuracy ?? modelCurves(evaluation, 'loss');
  const values = MODEL_ORDER.map((model) => {
    const mean = source[model].mean[step];
    const ci = source[model].ci95[step];
    if (mean === undefined || !Number.isFinite(mean)) return `${styles[model].name} not measured`;
    return measure === 'accuracy'
      ? `${styles[model].name} ${formatPercent(mean)} ${formatPercentSpread(ci ?? NaN)}`
      : `${styles[model].name} ${formatValue(mean)} ± ${formatSpread(ci ?? NaN)}`;
  });
  return (
    `Iteration ${formatCount(iteration)}, ${formatCount(evaluation.tasks)} new tasks, after ` +
    `${stepsText(step)}: ${values.join(', ')}.`
  );
}

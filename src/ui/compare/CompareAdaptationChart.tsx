import { useMemo, useState } from 'react';
import type { Evaluation } from '../../core/session';
import { chanceLegend, formatPercent, formatPercentSpread } from '../charts/accuracy';
import { AdaptationCurvesPlot, type SeriesNames } from '../charts/AdaptationCurvesPlot';
import { ChartFrame, type LegendItem } from '../charts/ChartFrame';
import { formatCount, formatSpread, formatValue, stepsText } from '../charts/format';
import { lossKindLabel } from '../charts/learner';
import { MeasureToggle, type Measure } from '../charts/MeasureToggle';
import type { ComparedModel } from './comparedModels';
import { accuracyView, lossView, type CurveView } from './curveView';

interface CompareAdaptationChartProps {
  /** The evaluation drawn and the iteration it was made at; null before the first. */
  readonly evaluation: Evaluation | null;
  readonly iteration: number;
  readonly models: readonly ComparedModel[];
  readonly classification: boolean;
  readonly ways: number;
}

function viewOf(models: readonly ComparedModel[], measure: Measure, steps: number): CurveView {
  if (measure === 'accuracy') {
    return accuracyView(
      models.map((m) => m.accuracy ?? { mean: [], ci95: [] }),
      steps,
    );
  }
  return lossView(
    models.map((m) => m.loss),
    steps,
  );
}

function valueText(model: ComparedModel, measure: Measure, step: number): string {
  const curve = measure === 'accuracy' ? model.accuracy : model.loss;
  const mean = curve?.mean[step];
  const ci = curve?.ci95[step];
  if (mean === undefined || ci === undefined) return `${model.label} not measured`;
  if (!Number.isFinite(mean)) return `${model.label} not a finite number`;
  return measure === 'accuracy'
    ? `${model.label} ${formatPercent(mean)} ${formatPercentSpread(ci)}`
    : `${model.label} ${formatValue(mean)} ± ${formatSpread(ci)}`;
}

function summaryOf(
  models: readonly ComparedModel[],
  measure: Measure,
  evaluation: Evaluation,
  iteration: number,
): string {
  const last = evaluation.steps.length - 1;
  const what = measure === 'accuracy' ? 'Accuracy' : `Loss (${lossKindLabel(evaluation.lossKind)})`;
  const parts = [
    `${what} at iteration ${formatCount(iteration)}, ${formatCount(evaluation.tasks)} held-out tasks.`,
  ];
  const at = (step: number) => models.map((m) => valueText(m, measure, step)).join(', ');
  if (last >= 1) parts.push(`After 1 step: ${at(1)}.`);
  if (last !== 1) parts.push(`After ${stepsText(last)}: ${at(last)}.`);
  return parts.join(' ');
}

/** The compared series' marks, named for the tests and styles of this chart. */
const NAMES: SeriesNames = {
  band: () => 'compare-band',
  group: (key) => ({ className: 'compare-series', 'data-model': key }),
  line: 'compare-line',
};

/**
 * Every compared algorithm's held-out adaptation curve on the same new tasks, with the pretrained
 * and from-scratch baselines, each with its 95% band. Classification can show accuracy or loss.
 */
export function CompareAdaptationChart(props: CompareAdaptationChartProps) {
  const { evaluation, iteration, models, classification, ways } = props;
  const [choice, setChoice] = useState<Measure>('accuracy');
  const hasAccuracy = classification && models.every((m) => m.accuracy !== null);
  const measure: Measure = hasAccuracy ? choice : 'loss';
  const steps = evaluation?.steps ?? [];
  const view = useMemo(
    () => (models.length === 0 ? null : viewOf(models, measure, steps.length)),
    [models, measure, steps.length],
  );
  const lossName = lossKindLabel(
    evaluation?.lossKind ?? (classification ? 'cross-entropy' : 'mse'),
  );
  const legend: LegendItem[] = [
    ...models.map((m): LegendItem => ({
      label: m.label,
      color: m.style.color,
      kind: 'line',
      dash: m.style.dash,
      marker: m.style.marker,
      hollow: m.style.hollow,
    })),
    { label: '95% interval', color: 'var(--muted)', kind: 'band' },
  ];
  if (measure === 'accuracy') legend.push(chanceLegend(ways));
  const shown = measure === 'accuracy' ? 'Held-out accuracy' : `Held-out loss (${lossName})`;
  const subtitle =
    evaluation === null || view === null
      ? `${shown} of every compared algorithm after each fine-tuning step on the same new tasks.`
      : `${shown} after 0–${steps.length - 1} fine-tuning steps, mean of ` +
        `${formatCount(evaluation.tasks)} new tasks, at iteration ${formatCount(iteration)}.`;
  return (
    <ChartFrame
      name="compare-adaptation"
      title="Adapting to new tasks, side by side"
      subtitle={subtitle}
      legend={legend}
      controls={
        hasAccuracy ? (
          <MeasureToggle value={choice} onChange={setChoice} lossName={lossName} />
        ) : null
      }
      summary={
        evaluation !== null && view !== null
          ? summaryOf(models, measure, evaluation, iteration)
          : 'No held-out evaluation of the compared algorithms yet.'
      }
      empty={view === null ? 'Waiting for the first held-out evaluation of every algorithm…' : null}
    >
      {(width) =>
        view === null ? null : (
          <AdaptationCurvesPlot
            series={models.map((model, m) => ({
              key: model.key,
              curve: view.curves[m]!,
              style: model.style,
            }))}
            steps={steps}
            axis={view.axis}
            lossName={lossName}
            ways={ways}
            bandOpacity={0.1}
            names={NAMES}
            width={width}
          />
        )
      }
    </ChartFrame>
  );
}

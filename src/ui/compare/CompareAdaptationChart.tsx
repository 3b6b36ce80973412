import { useCallback, useMemo, useState } from 'react';
import type { Evaluation } from '../../core/trainer';
import { chanceLegend, formatPercent, formatPercentSpread } from '../charts/accuracy';
import { accuracyView, adaptationRows, lossView, type CurveView } from '../charts/adaptationView';
import { ChartFrame, type LegendItem } from '../charts/ChartFrame';
import { compareAdaptationTable } from '../charts/export/compareTables';
import { accuracyQuantity, lossQuantity } from '../charts/export/curveTables';
import { formatCount, formatSpread, formatValue, stepsText } from '../charts/format';
import { AdaptationPlot, type StepSeries } from '../charts/kit/AdaptationPlot';
import { lossKindLabel } from '../charts/learner';
import { useLiveProp } from '../charts/live/useLiveValue';
import { MeasureToggle, type Measure } from '../charts/MeasureToggle';
import type { ComparedModel } from './comparedModels';
import { acrossSeedsText } from '../charts/seedLines';

interface CompareAdaptationChartProps {
  /** The evaluation drawn and the iteration it was made at; null before the first. */
  readonly evaluation: Evaluation | null;
  readonly iteration: number;
  readonly models: readonly ComparedModel[];
  readonly classification: boolean;
  readonly ways: number;
  readonly height?: number;
  /** The seeds the evaluation is a mean over (several seeds); null for one run's. */
  readonly seeds?: number | null;
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

export function compareAdaptationSummary(
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

/** The rows the chart draws: each model's mean and band per step, on the shared axis. */
function drawnRows(models: readonly ComparedModel[], measure: Measure, steps: readonly number[]) {
  const view = viewOf(models, measure, steps.length);
  const rows = adaptationRows(
    steps,
    models.map((m) => m.key),
    view.curves,
  );
  return { view, rows };
}

/** The table of what the chart draws, for its CSV download. */
export function compareAdaptationCsvTable(
  models: readonly ComparedModel[],
  measure: Measure,
  steps: readonly number[],
  lossName: string,
) {
  const quantity = measure === 'accuracy' ? accuracyQuantity() : lossQuantity(lossName);
  return compareAdaptationTable(drawnRows(models, measure, steps).rows, models, quantity);
}

/** The compared series, named for the tests and styles of this chart. */
function seriesOf(models: readonly ComparedModel[]): StepSeries[] {
  return models.map((model) => ({
    key: model.key,
    style: model.style,
    lineClass: `compare-line compare-line-${model.key}`,
    bandClass: 'compare-band',
  }));
}

export function compareAdaptationLegend(
  models: readonly ComparedModel[],
  measure: Measure,
  ways: number,
): LegendItem[] {
  const legend: LegendItem[] = models.map((m) => ({
    label: m.label,
    color: m.style.color,
    kind: 'line',
    dash: m.style.dash,
    marker: m.style.marker,
    hollow: m.style.hollow,
  }));
  legend.push({ label: '95% interval', color: 'var(--muted)', kind: 'band' });
  if (measure === 'accuracy') legend.push(chanceLegend(ways));
  return legend;
}

interface CompareAdaptationPlotProps {
  readonly models: readonly ComparedModel[];
  readonly steps: readonly number[];
  readonly measure: Measure;
  readonly lossName: string;
  readonly ways: number;
  readonly width: number;
  readonly height: number;
}

/** Every compared model's adaptation curve with its band, on one shared axis. */
export function CompareAdaptationPlot(props: CompareAdaptationPlotProps) {
  const { models, steps, measure } = props;
  const { view, rows } = useMemo(() => drawnRows(models, measure, steps), [models, measure, steps]);
  const series = useMemo(() => seriesOf(models), [models]);
  return (
    <AdaptationPlot
      width={props.width}
      height={props.height}
      rows={rows}
      lastStep={steps.at(-1) ?? 0}
      series={series}
      axis={view.axis}
      lossName={props.lossName}
      ways={props.ways}
      bandOpacity={0.1}
    />
  );
}

/**
 * Every compared algorithm's held-out adaptation curve on the same new tasks, with the pretrained
 * and from-scratch baselines, each with its 95% band. Classification can show accuracy or loss.
 */
export function CompareAdaptationChart(props: CompareAdaptationChartProps) {
  const { classification, ways } = props;
  const { value, ref } = useLiveProp({
    evaluation: props.evaluation,
    iteration: props.iteration,
    models: props.models,
  });
  const { evaluation, iteration, models } = value;
  const [choice, setChoice] = useState<Measure>('accuracy');
  const hasAccuracy = classification && models.every((m) => m.accuracy !== null);
  const measure: Measure = hasAccuracy ? choice : 'loss';
  const steps = evaluation?.steps ?? [];
  const lossName = lossKindLabel(
    evaluation?.lossKind ?? (classification ? 'cross-entropy' : 'mse'),
  );
  const shown = measure === 'accuracy' ? 'Held-out accuracy' : `Held-out loss (${lossName})`;
  const drawn = evaluation !== null && models.length > 0;
  const table = useCallback(
    () => compareAdaptationCsvTable(models, measure, evaluation?.steps ?? [], lossName),
    [models, measure, evaluation, lossName],
  );
  const seeds = props.seeds ?? null;
  const subtitle = drawn
    ? `${shown} after 0–${steps.length - 1} fine-tuning steps, ` +
      (seeds === null
        ? `mean of ${formatCount(evaluation.tasks)} new tasks`
        : `${acrossSeedsText(seeds)} (each seed ${formatCount(evaluation.tasks)} new tasks)`) +
      `, at iteration ${formatCount(iteration)}.`
    : `${shown} of every compared algorithm after each fine-tuning step on the same new tasks.`;
  return (
    <ChartFrame
      bodyRef={ref}
      name="compare-adaptation"
      title="Adapting to new tasks, side by side"
      subtitle={subtitle}
      legend={compareAdaptationLegend(models, measure, ways)}
      controls={
        hasAccuracy ? (
          <MeasureToggle value={choice} onChange={setChoice} lossName={lossName} />
        ) : null
      }
      summary={
        drawn
          ? compareAdaptationSummary(models, measure, evaluation, iteration)
          : 'No held-out evaluation of the compared algorithms yet.'
      }
      empty={drawn ? null : 'Waiting for the first held-out evaluation of every algorithm…'}
      height={props.height}
      table={table}
    >
      {(width, plotHeight) => (
        <CompareAdaptationPlot
          models={models}
          steps={steps}
          measure={measure}
          lossName={lossName}
          ways={ways}
          width={width}
          height={plotHeight}
        />
      )}
    </ChartFrame>
  );
}

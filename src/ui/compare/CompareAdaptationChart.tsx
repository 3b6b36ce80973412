import { useMemo, useState } from 'react';
import type { Evaluation } from '../../core/session';
import {
  ACCURACY_TICKS,
  ChanceLine,
  accuracyScale,
  chanceLegend,
  formatPercent,
  formatPercentSpread,
  formatPercentTick,
} from '../charts/accuracy';
import { ChartFrame, type LegendItem } from '../charts/ChartFrame';
import { formatCount, formatSpread, formatTick, formatValue, stepsText } from '../charts/format';
import { lossKindLabel } from '../charts/learner';
import { MeasureToggle, type Measure } from '../charts/MeasureToggle';
import { Marker, Plot, bandPath, linePath, linearScale, logScale, plotArea } from '../charts/plot';
import type { ComparedModel } from './comparedModels';
import { accuracyView, lossView, stepTicks, type CurveView } from './curveView';

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

interface PlotProps {
  readonly view: CurveView;
  readonly models: readonly ComparedModel[];
  readonly steps: readonly number[];
  readonly lossName: string;
  readonly ways: number;
  readonly width: number;
}

function ComparePlot({ view, models, steps, lossName, ways, width }: PlotProps) {
  const area = plotArea(width);
  const last = steps.at(-1) ?? 1;
  const xScale = linearScale([0, Math.max(1, last)], [0, area.width]);
  const xs = steps.map(xScale);
  const { axis } = view;
  const y =
    axis.kind === 'accuracy'
      ? {
          scale: accuracyScale(area),
          ticks: ACCURACY_TICKS,
          format: formatPercentTick,
          label: 'Held-out accuracy',
        }
      : {
          scale: logScale(axis.log.domain, [area.height, 0]),
          ticks: axis.log.ticks,
          format: formatTick,
          label: `Held-out ${lossName} (log)`,
        };
  return (
    <Plot
      width={width}
      area={area}
      x={{
        scale: xScale,
        ticks: stepTicks(last),
        format: String,
        label: 'Fine-tuning steps on the new task',
      }}
      y={y}
    >
      {axis.kind === 'accuracy' && <ChanceLine ways={ways} area={area} />}
      {models.map((model, m) => (
        <path
          key={`${model.key}-band`}
          className="compare-band"
          d={bandPath(xs, view.curves[m]!.lower.map(y.scale), view.curves[m]!.upper.map(y.scale))}
          fill={model.style.color}
          fillOpacity={0.1}
          stroke="none"
        />
      ))}
      {models.map((model, m) => {
        const { mean } = view.curves[m]!;
        const yOf = (i: number) => {
          const value = mean[i];
          return value === null || value === undefined ? null : y.scale(value);
        };
        return (
          <g key={model.key} className="compare-series" data-model={model.key}>
            <path
              className="compare-line"
              d={linePath(steps.length, (i) => xs[i]!, yOf)}
              fill="none"
              stroke={model.style.color}
              strokeWidth={2}
              strokeDasharray={model.style.dash}
            />
            {steps.length <= 21 &&
              steps.map((step, i) => {
                const py = yOf(i);
                return py === null ? null : (
                  <Marker
                    key={step}
                    shape={model.style.marker}
                    hollow={model.style.hollow}
                    x={xs[i]!}
                    y={py}
                    color={model.style.color}
                    size={3}
                  />
                );
              })}
          </g>
        );
      })}
    </Plot>
  );
}

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
          <ComparePlot
            view={view}
            models={models}
            steps={steps}
            lossName={lossName}
            ways={ways}
            width={width}
          />
        )
      }
    </ChartFrame>
  );
}

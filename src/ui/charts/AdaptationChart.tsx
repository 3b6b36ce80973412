import { useMemo, useState } from 'react';
import type { CurvesByModel, Evaluation } from '../../core/session';
import type { EvaluationPoint } from '../store/evaluationSlice';
import type { PlaygroundState } from '../store/playgroundStore';
import { usePlayground } from '../training/context';
import { chanceLegend, chanceOf, formatPercent, formatPercentSpread } from './accuracy';
import { AdaptationCurvesPlot, type SeriesNames, type ValueAxis } from './AdaptationCurvesPlot';
import { ChartFrame, type LegendItem } from './ChartFrame';
import { formatCount, formatSpread, formatValue, stepsText } from './format';
import { lossKindLabel, useModelStyles } from './learner';
import { MeasureToggle, type Measure } from './MeasureToggle';
import { MODEL_ORDER, type ModelKey, type ModelStyle } from './palette';
import { logAxis } from './scales';

const selectLatest = (state: PlaygroundState) => state.evaluations.points.at(-1);
const selectTask = (state: PlaygroundState) => state.run.config.task;
const selectWays = (state: PlaygroundState) => state.run.config.ways;

type Styles = Readonly<Record<ModelKey, ModelStyle>>;

/** The top of the loss axis is at most this many times the largest loss before any step. */
const MAX_GROWTH_SHOWN = 100;

/** One model's curve, clamped to the axis: mean and interval edges per step (null: not drawn). */
interface ModelCurve {
  readonly mean: (number | null)[];
  readonly lower: number[];
  readonly upper: number[];
}

interface Curves {
  readonly measure: Measure;
  readonly steps: readonly number[];
  readonly models: Readonly<Record<ModelKey, ModelCurve>>;
  readonly axis: ValueAxis;
  /** Loss means beyond the top of the axis, for the summary. */
  readonly offChart: { model: ModelKey; step: number; mean: number }[];
}

/**
 * Each model's band clamped to [bottom, top], and its mean too unless `clampMean` is false (then a
 * loss that blows up leaves the chart where it does). Values `usable` rejects are not drawn.
 */
function clampedCurves(
  source: CurvesByModel,
  steps: readonly number[],
  [bottom, top]: readonly [number, number],
  usable: (value: number) => boolean,
  clampMean: boolean,
  offChart: Curves['offChart'],
): Record<ModelKey, ModelCurve> {
  const clamp = (value: number) => Math.min(Math.max(value, bottom), top);
  const curve = (model: ModelKey): ModelCurve => {
    const { mean, ci95 } = source[model];
    const result: ModelCurve = { mean: [], lower: [], upper: [] };
    steps.forEach((step, i) => {
      const m = mean[i];
      const ci = Number.isFinite(ci95[i]) ? ci95[i]! : 0;
      const ok = m !== undefined && usable(m);
      if (ok && m > top) offChart.push({ model, step, mean: m });
      result.mean.push(ok ? (clampMean ? clamp(m) : m) : null);
      result.lower.push(ok ? clamp(m - ci) : top);
      result.upper.push(ok ? clamp(m + ci) : top);
    });
    return result;
  };
  return { maml: curve('maml'), pretrained: curve('pretrained'), scratch: curve('scratch') };
}

function lossCurves(evaluation: Evaluation): Curves {
  const start = Math.max(
    ...MODEL_ORDER.map((model) => evaluation[model].mean[0] ?? 0).filter(Number.isFinite),
  );
  const cap = start > 0 ? start * MAX_GROWTH_SHOWN : Infinity;
  let low = Infinity;
  let high = 0;
  for (const model of MODEL_ORDER) {
    const { mean, ci95 } = evaluation[model];
    mean.forEach((m, i) => {
      if (!Number.isFinite(m) || m <= 0) return;
      const lower = m - (ci95[i] ?? 0);
      low = Math.min(low, lower > 0 ? lower : m / 2);
      high = Math.max(high, Math.min(m + (ci95[i] ?? 0), cap));
    });
  }
  const log = logAxis(low, high);
  const offChart: Curves['offChart'] = [];
  const positive = (value: number) => Number.isFinite(value) && value > 0;
  const models = clampedCurves(evaluation, evaluation.steps, log.domain, positive, false, offChart);
  return { measure: 'loss', steps: evaluation.steps, models, axis: { kind: 'log', log }, offChart };
}

function accuracyCurves(accuracy: CurvesByModel, steps: readonly number[]): Curves {
  const models = clampedCurves(accuracy, steps, [0, 1], Number.isFinite, true, []);
  return { measure: 'accuracy', steps, models, axis: { kind: 'accuracy' }, offChart: [] };
}

function curvesOf(evaluation: Evaluation, measure: Measure): Curves {
  const { accuracy } = evaluation;
  return measure === 'accuracy' && accuracy !== null
    ? accuracyCurves(accuracy, evaluation.steps)
    : lossCurves(evaluation);
}

function resultsAt(source: CurvesByModel, index: number, measure: Measure, styles: Styles) {
  return MODEL_ORDER.map((model) => {
    const mean = source[model].mean[index];
    const ci = source[model].ci95[index];
    if (mean === undefined || ci === undefined) return '';
    return measure === 'accuracy'
      ? `${styles[model].name} ${formatPercent(mean)} ${formatPercentSpread(ci)}`
      : `${styles[model].name} ${formatValue(mean)} ± ${formatSpread(ci)}`;
  }).join(', ');
}

function summaryOf(point: EvaluationPoint, curves: Curves, styles: Styles, ways: number) {
  const { evaluation, iteration } = point;
  const source = curves.measure === 'accuracy' ? evaluation.accuracy! : evaluation;
  const what =
    curves.measure === 'accuracy' ? 'Accuracy' : `Loss (${lossKindLabel(evaluation.lossKind)})`;
  const last = evaluation.steps.length - 1;
  const parts = [
    `${what} at iteration ${formatCount(iteration)}, ${formatCount(evaluation.tasks)} held-out tasks.`,
  ];
  if (last >= 1) parts.push(`After 1 step: ${resultsAt(source, 1, curves.measure, styles)}.`);
  if (last !== 1) {
    parts.push(`After ${stepsText(last)}: ${resultsAt(source, last, curves.measure, styles)}.`);
  }
  if (curves.measure === 'accuracy') parts.push(`Chance is ${formatPercent(chanceOf(ways))}.`);
  const worst = curves.offChart.reduce<Curves['offChart'][number] | null>(
    (a, b) => (a === null || b.mean > a.mean ? b : a),
    null,
  );
  if (worst !== null) {
    parts.push(
      `${styles[worst.model].label}: the mean reaches ${formatValue(worst.mean)} after ` +
        `${stepsText(worst.step)}, above the chart: fine-tuning blew up on some tasks.`,
    );
  }
  return parts.join(' ');
}

/** The learner's and the baselines' marks, named for the tests and styles of this chart. */
const NAMES: SeriesNames = {
  band: (model) => `adaptation-band adaptation-band-${model}`,
  group: (model) => ({ className: `adaptation-series adaptation-${model}` }),
  line: 'adaptation-line',
};

/**
 * The latest held-out evaluation: how new tasks are learned in 0..k fine-tuning steps from the
 * learner's starting point, the pretrained network and a random one, each with its 95% interval.
 * Classification runs can show accuracy (the default) or the loss.
 */
export function AdaptationChart() {
  const point = usePlayground(selectLatest);
  const classification = usePlayground(selectTask) !== 'sinusoid';
  const ways = usePlayground(selectWays);
  const styles = useModelStyles();
  const [choice, setChoice] = useState<Measure>('accuracy');
  const hasAccuracy = classification && point?.evaluation.accuracy != null;
  const measure: Measure = hasAccuracy ? choice : 'loss';
  const curves = useMemo(
    () => (point ? curvesOf(point.evaluation, measure) : null),
    [point, measure],
  );
  const lossName = lossKindLabel(
    point?.evaluation.lossKind ?? (classification ? 'cross-entropy' : 'mse'),
  );

  const legend: LegendItem[] = [
    ...MODEL_ORDER.map((model): LegendItem => ({
      label: styles[model].label,
      color: styles[model].color,
      kind: 'line',
      dash: styles[model].dash,
      marker: styles[model].marker,
    })),
    { label: '95% interval', color: 'var(--muted)', kind: 'band' },
  ];
  if (measure === 'accuracy') legend.push(chanceLegend(ways));
  const shown = measure === 'accuracy' ? 'Held-out accuracy' : `Held-out loss (${lossName})`;
  const subtitle =
    point === undefined
      ? `${shown} after each fine-tuning step on new tasks.`
      : `${shown} after 0–${point.evaluation.steps.length - 1} fine-tuning steps, mean of ` +
        `${formatCount(point.evaluation.tasks)} new tasks, at iteration ${formatCount(point.iteration)}.`;

  return (
    <ChartFrame
      name="adaptation"
      title="Adapting to new tasks"
      subtitle={subtitle}
      legend={legend}
      controls={
        classification ? (
          <MeasureToggle value={choice} onChange={setChoice} lossName={lossName} />
        ) : null
      }
      summary={
        point && curves ? summaryOf(point, curves, styles, ways) : 'No held-out evaluation yet.'
      }
      empty={curves === null ? 'Waiting for the first held-out evaluation…' : null}
    >
      {(width) =>
        curves === null ? null : (
          <AdaptationCurvesPlot
            series={MODEL_ORDER.map((model) => ({
              key: model,
              curve: curves.models[model],
              style: styles[model],
            }))}
            steps={curves.steps}
            axis={curves.axis}
            lossName={lossName}
            ways={ways}
            bandOpacity={0.13}
            names={NAMES}
            width={width}
          />
        )
      }
    </ChartFrame>
  );
}

import { useMemo } from 'react';
import type { Evaluation } from '../../core/session';
import type { EvaluationPoint } from '../store/evaluationSlice';
import type { PlaygroundState } from '../store/playgroundStore';
import { usePlayground } from '../training/context';
import { ChartFrame, type LegendItem } from './ChartFrame';
import { formatCount, formatSpread, formatTick, formatValue, stepsText } from './format';
import { MODEL_ORDER, MODEL_STYLES, type ModelKey } from './palette';
import { Marker, Plot, bandPath, linePath, linearScale, logScale, plotArea } from './plot';
import { logAxis, type LogAxis } from './scales';

const selectLatest = (state: PlaygroundState) => state.evaluations.points.at(-1);

/** The top of the axis is at most this many times the largest loss before any step. */
const MAX_GROWTH_SHOWN = 100;

/** One model's curve, clamped to the axis: mean and interval edges per step (null: not drawn). */
interface ModelCurve {
  readonly mean: (number | null)[];
  readonly lower: number[];
  readonly upper: number[];
}

interface Curves {
  readonly steps: readonly number[];
  readonly models: Readonly<Record<ModelKey, ModelCurve>>;
  readonly y: LogAxis;
  /** Means beyond the top of the axis, for the summary. */
  readonly offChart: { model: ModelKey; step: number; mean: number }[];
}

function curvesOf(evaluation: Evaluation): Curves {
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
  const y = logAxis(low, high);
  const [bottom, top] = y.domain;
  const clamp = (value: number) => Math.min(Math.max(value, bottom), top);
  const offChart: Curves['offChart'] = [];
  const curve = (model: ModelKey): ModelCurve => {
    const { mean, ci95 } = evaluation[model];
    const result: ModelCurve = { mean: [], lower: [], upper: [] };
    evaluation.steps.forEach((step, i) => {
      const m = mean[i];
      const ci = Number.isFinite(ci95[i]) ? ci95[i]! : 0;
      const ok = m !== undefined && Number.isFinite(m) && m > 0;
      if (ok && m > top) offChart.push({ model, step, mean: m });
      result.mean.push(ok ? m : null);
      result.lower.push(ok ? clamp(m - ci) : top);
      result.upper.push(ok ? clamp(m + ci) : top);
    });
    return result;
  };
  const models = {
    maml: curve('maml'),
    pretrained: curve('pretrained'),
    scratch: curve('scratch'),
  };
  return { steps: evaluation.steps, models, y, offChart };
}

/** Every step up to 10 steps, else round steps: 0, 5, 10, ... */
function stepTicks(last: number): number[] {
  const every = last <= 10 ? 1 : last <= 25 ? 5 : 10;
  const ticks: number[] = [];
  for (let step = 0; step < last; step += every) ticks.push(step);
  ticks.push(last);
  return ticks;
}

function resultsAt(evaluation: Evaluation, index: number): string {
  return MODEL_ORDER.map((model) => {
    const mean = evaluation[model].mean[index];
    const ci = evaluation[model].ci95[index];
    if (mean === undefined || ci === undefined) return '';
    return `${MODEL_STYLES[model].name} ${formatValue(mean)} ± ${formatSpread(ci)}`;
  }).join(', ');
}

function summaryOf(point: EvaluationPoint, curves: Curves): string {
  const { evaluation, iteration } = point;
  const last = evaluation.steps.length - 1;
  const parts = [
    `Iteration ${formatCount(iteration)}, ${formatCount(evaluation.tasks)} held-out tasks.`,
  ];
  if (last >= 1) parts.push(`After 1 step: ${resultsAt(evaluation, 1)}.`);
  if (last !== 1) parts.push(`After ${stepsText(last)}: ${resultsAt(evaluation, last)}.`);
  const worst = curves.offChart.reduce<Curves['offChart'][number] | null>(
    (a, b) => (a === null || b.mean > a.mean ? b : a),
    null,
  );
  if (worst !== null) {
    parts.push(
      `${MODEL_STYLES[worst.model].label}: the mean reaches ${formatValue(worst.mean)} after ` +
        `${stepsText(worst.step)}, above the chart: fine-tuning blew up on some tasks.`,
    );
  }
  return parts.join(' ');
}

function AdaptationPlot({ curves, width }: { readonly curves: Curves; readonly width: number }) {
  const area = plotArea(width);
  const { steps } = curves;
  const last = steps.at(-1) ?? 1;
  const xScale = linearScale([0, Math.max(1, last)], [0, area.width]);
  const yScale = logScale(curves.y.domain, [area.height, 0]);
  const xs = steps.map(xScale);
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
      y={{ scale: yScale, ticks: curves.y.ticks, format: formatTick, label: 'Held-out loss (log)' }}
    >
      {MODEL_ORDER.map((model) => (
        <path
          key={`${model}-band`}
          className={`adaptation-band adaptation-band-${model}`}
          d={bandPath(
            xs,
            curves.models[model].lower.map(yScale),
            curves.models[model].upper.map(yScale),
          )}
          fill={MODEL_STYLES[model].color}
          fillOpacity={0.13}
          stroke="none"
        />
      ))}
      {MODEL_ORDER.map((model) => {
        const style = MODEL_STYLES[model];
        const { mean } = curves.models[model];
        const yOf = (i: number) => {
          const value = mean[i];
          return value === null || value === undefined ? null : yScale(value);
        };
        return (
          <g key={model} className={`adaptation-series adaptation-${model}`}>
            <path
              className="adaptation-line"
              d={linePath(steps.length, (i) => xs[i]!, yOf)}
              fill="none"
              stroke={style.color}
              strokeWidth={2}
              strokeDasharray={style.dash}
            />
            {steps.length <= 21 &&
              steps.map((step, i) => {
                const py = yOf(i);
                return py === null ? null : (
                  <Marker
                    key={step}
                    shape={style.marker}
                    x={xs[i]!}
                    y={py}
                    color={style.color}
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
 * The latest held-out evaluation: mean loss on new tasks after 0..k fine-tuning steps from MAML's
 * starting point, the pretrained network and a random one, each with its 95% interval.
 */
export function AdaptationChart() {
  const point = usePlayground(selectLatest);
  const curves = useMemo(() => (point ? curvesOf(point.evaluation) : null), [point]);

  const legend: LegendItem[] = [
    ...MODEL_ORDER.map((model): LegendItem => ({
      label: MODEL_STYLES[model].label,
      color: MODEL_STYLES[model].color,
      kind: 'line',
      dash: MODEL_STYLES[model].dash,
      marker: MODEL_STYLES[model].marker,
    })),
    { label: '95% interval', color: 'var(--muted)', kind: 'band' },
  ];
  const subtitle =
    point === undefined
      ? 'Held-out loss after each fine-tuning step on new tasks.'
      : `Held-out loss after 0–${point.evaluation.steps.length - 1} fine-tuning steps, mean of ` +
        `${formatCount(point.evaluation.tasks)} new tasks, at iteration ${formatCount(point.iteration)}.`;

  return (
    <ChartFrame
      name="adaptation"
      title="Adapting to new tasks"
      subtitle={subtitle}
      legend={legend}
      summary={point && curves ? summaryOf(point, curves) : 'No held-out evaluation yet.'}
      empty={curves === null ? 'Waiting for the first held-out evaluation…' : null}
    >
      {(width) => (curves === null ? null : <AdaptationPlot curves={curves} width={width} />)}
    </ChartFrame>
  );
}

import { useMemo } from 'react';
import type { PlaygroundState } from '../store/playgroundStore';
import { usePlayground } from '../training/context';
import { ChartFrame, type LegendItem } from './ChartFrame';
import { iterationAxis, logValueAxis } from './axes';
import { formatCount, formatValue } from './format';
import { lossCurve, smoothingSpan, type LossCurve } from './lossCurve';
import { lossKindLabel, lossKindOf, useModelStyles } from './learner';
import { Plot, linePath, plotArea } from './plot';
import { logAxis } from './scales';
import { useThrottledPlayground } from './useThrottledPlayground';

const selectLoss = (state: PlaygroundState) => state.series.metaTrainLoss;
const selectTotal = (state: PlaygroundState) => state.run.config.iterations;
const selectTask = (state: PlaygroundState) => state.run.config.task;

function summaryOf(curve: LossCurve, span: number): string {
  const first = curve.points[0];
  const last = curve.points.at(-1);
  if (first === undefined || last === undefined) {
    return 'No meta-iterations yet. Press Start: the loss appears here as the learner trains.';
  }
  const latest = last.smooth ?? last.raw;
  const start = first.raw ?? first.smooth;
  if (latest === null || start === null) return 'The loss is not a finite number.';
  const direction = latest < start ? 'down' : 'up';
  return (
    `At iteration ${formatCount(curve.lastIteration)} the meta-training loss, averaged over ` +
    `about ${span} iterations, is ${formatValue(latest)}: ${direction} from ` +
    `${formatValue(start)} at the first iteration.`
  );
}

interface LossPlotProps {
  readonly curve: LossCurve;
  readonly color: string;
  /** What the loss measures: "MSE" or "cross-entropy". */
  readonly measure: string;
  readonly width: number;
}

function LossPlot({ curve, color, measure, width }: LossPlotProps) {
  const area = plotArea(width);
  const x = iterationAxis(curve.lastIteration, area);
  const y = logValueAxis(logAxis(curve.min, curve.max), area, `Query ${measure} (log scale)`);
  const { points } = curve;
  const xOf = (i: number) => x.scale(points[i]!.iteration);
  const raw = linePath(points.length, xOf, (i) => {
    const value = points[i]!.raw;
    return value === null ? null : y.scale(value);
  });
  const smooth = linePath(points.length, xOf, (i) => {
    const value = points[i]!.smooth;
    return value === null ? null : y.scale(value);
  });
  return (
    <Plot width={width} area={area} x={x} y={y}>
      <path className="loss-raw-line" d={raw} fill="none" stroke={color} strokeOpacity={0.4} />
      <path className="loss-smooth-line" d={smooth} fill="none" stroke={color} strokeWidth={2.5} />
    </Plot>
  );
}

/**
 * The meta-training loss of every iteration so far: thin and light as measured, bold as a moving
 * average, on a log scale. Redrawn at most four times a second from a few hundred points.
 */
export function LossChart() {
  const series = useThrottledPlayground(selectLoss);
  const total = usePlayground(selectTotal);
  const measure = lossKindLabel(lossKindOf({ task: usePlayground(selectTask) }));
  const learner = useModelStyles().maml;
  const color = learner.color;
  const span = smoothingSpan(total);
  const curve = useMemo(() => lossCurve(series, span), [series, span]);

  const legend: LegendItem[] = [
    { label: 'Each iteration', color, kind: 'line', width: 1, opacity: 0.4 },
    { label: `Moving average (${span} iterations)`, color, kind: 'line', width: 2.5 },
  ];

  return (
    <ChartFrame
      name="loss"
      title="Meta-training loss"
      subtitle={`${learner.label}'s query loss (${measure}) after adapting to each meta-batch of training tasks.`}
      legend={legend}
      summary={summaryOf(curve, span)}
      empty={curve.points.length === 0 ? 'Waiting for the first meta-iteration…' : null}
    >
      {(width) => <LossPlot curve={curve} color={color} measure={measure} width={width} />}
    </ChartFrame>
  );
}

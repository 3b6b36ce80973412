import { useMemo } from 'react';
import type { PlaygroundState } from '../store/playgroundStore';
import { usePlayground } from '../training/context';
import { ChanceLine, chanceLegend, chanceOf, formatPercent } from './accuracy';
import { accuracyAxis, iterationAxis } from './axes';
import { ChartFrame, type LegendItem } from './ChartFrame';
import { formatCount } from './format';
import { useModelStyles } from './learner';
import { finite, lossCurve, smoothingSpan, type LossCurve } from './lossCurve';
import { Plot, linePath, plotArea } from './plot';
import { useThrottledPlayground } from './useThrottledPlayground';

const selectAccuracy = (state: PlaygroundState) => state.series.metaTrainAccuracy;
const selectTotal = (state: PlaygroundState) => state.run.config.iterations;
const selectWays = (state: PlaygroundState) => state.run.config.ways;

function summaryOf(curve: LossCurve, span: number, ways: number, learner: string): string {
  const last = curve.points.at(-1);
  const latest = last?.smooth ?? last?.raw ?? null;
  if (last === undefined || latest === null) {
    return 'No meta-iterations yet. Press Start: the accuracy appears here as the learner trains.';
  }
  const chance = chanceOf(ways);
  const relation = latest > chance ? 'above' : latest < chance ? 'below' : 'exactly at';
  return (
    `At iteration ${formatCount(curve.lastIteration)}, ${learner} labels ` +
    `${formatPercent(latest)} of the query images of its training tasks correctly after adapting ` +
    `(averaged over about ${span} iterations), ${relation} chance, ${formatPercent(chance)}.`
  );
}

interface AccuracyPlotProps {
  readonly curve: LossCurve;
  readonly ways: number;
  readonly color: string;
  readonly width: number;
}

function AccuracyPlot({ curve, ways, color, width }: AccuracyPlotProps) {
  const area = plotArea(width);
  const x = iterationAxis(curve.lastIteration, area);
  const y = accuracyAxis(area, 'Query accuracy');
  const { points } = curve;
  const xOf = (i: number) => x.scale(points[i]!.iteration);
  const line = (pick: 'raw' | 'smooth') =>
    linePath(points.length, xOf, (i) => {
      const value = points[i]![pick];
      return value === null ? null : y.scale(value);
    });
  return (
    <Plot width={width} area={area} x={x} y={y}>
      <ChanceLine ways={ways} area={area} />
      <path
        className="accuracy-raw-line"
        d={line('raw')}
        fill="none"
        stroke={color}
        strokeOpacity={0.4}
      />
      <path
        className="accuracy-smooth-line"
        d={line('smooth')}
        fill="none"
        stroke={color}
        strokeWidth={2.5}
      />
    </Plot>
  );
}

/**
 * Classification: the share of each meta-batch's query images the learner labels correctly after
 * adapting, every iteration (thin) and as a moving average (bold), against chance.
 */
export function AccuracyChart() {
  const series = useThrottledPlayground(selectAccuracy);
  const total = usePlayground(selectTotal);
  const ways = usePlayground(selectWays);
  const learner = useModelStyles().maml;
  const span = smoothingSpan(total);
  const curve = useMemo(() => lossCurve(series, span, undefined, finite), [series, span]);

  const legend: LegendItem[] = [
    { label: 'Each iteration', color: learner.color, kind: 'line', width: 1, opacity: 0.4 },
    {
      label: `Moving average (${span} iterations)`,
      color: learner.color,
      kind: 'line',
      width: 2.5,
    },
    chanceLegend(ways),
  ];

  return (
    <ChartFrame
      name="accuracy"
      title="Meta-training accuracy"
      subtitle={`${learner.label}'s accuracy on the query images of each meta-batch, after adapting to its support images.`}
      legend={legend}
      summary={summaryOf(curve, span, ways, learner.name)}
      empty={curve.points.length === 0 ? 'Waiting for the first meta-iteration…' : null}
    >
      {(width) => <AccuracyPlot curve={curve} ways={ways} color={learner.color} width={width} />}
    </ChartFrame>
  );
}

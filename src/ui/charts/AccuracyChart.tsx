import { useCallback, useMemo } from 'react';
import type { PlaygroundState } from '../store/playgroundStore';
import { shownConfig, shownSeries } from '../store/viewingSlice';
import { usePlayground } from '../training/context';
import { chanceLegend, chanceOf, formatPercent } from './accuracy';
import { ChartFrame, type LegendItem } from './ChartFrame';
import { accuracyQuantity, trainingCurveTable } from './export/curveTables';
import { formatCount } from './format';
import type { CurveAxis } from './kit/IterationPlot';
import { TrainingCurvePlot } from './kit/TrainingCurvePlot';
import { useModelStyles } from './learner';
import { useLiveValue } from './live/useLiveValue';
import { finite, lossCurve, smoothingSpan, type LossCurve } from './lossCurve';

const selectAccuracy = (state: PlaygroundState) => shownSeries(state).metaTrainAccuracy;
const selectTotal = (state: PlaygroundState) => shownConfig(state).iterations;
const selectWays = (state: PlaygroundState) => shownConfig(state).ways;

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

const NAMES = { raw: 'accuracy-raw-line', smooth: 'accuracy-smooth-line' } as const;

/**
 * Classification: the share of each meta-batch's query images the learner labels correctly after
 * adapting, every iteration (thin) and as a moving average (bold), against chance.
 */
export function AccuracyChart({ height }: { readonly height?: number }) {
  const { value: series, ref } = useLiveValue(selectAccuracy);
  const total = usePlayground(selectTotal);
  const ways = usePlayground(selectWays);
  const learner = useModelStyles().learner;
  const span = smoothingSpan(total);
  const curve = useMemo(() => lossCurve(series, span, undefined, finite), [series, span]);
  const axis = useMemo(
    (): CurveAxis => ({ kind: 'accuracy', label: 'Query accuracy', ways }),
    [ways],
  );

  const table = useCallback(
    () => trainingCurveTable({ curve, learner: learner.label, quantity: accuracyQuantity(), span }),
    [curve, learner.label, span],
  );

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
      bodyRef={ref}
      name="accuracy"
      title="Meta-training accuracy"
      subtitle={`${learner.label}'s accuracy on the query images of each meta-batch, after adapting to its support images.`}
      legend={legend}
      summary={summaryOf(curve, span, ways, learner.name)}
      empty={curve.points.length === 0 ? 'Waiting for the first meta-iteration…' : null}
      height={height}
      table={table}
    >
      {(width, plotHeight) => (
        <TrainingCurvePlot
          width={width}
          height={plotHeight}
          curve={curve}
          color={learner.color}
          names={NAMES}
          axis={axis}
        />
      )}
    </ChartFrame>
  );
}

import { useCallback, useMemo } from 'react';
import type { PlaygroundState } from '../store/playgroundStore';
import { shownConfig, shownSeries } from '../store/viewingSlice';
import { usePlayground } from '../training/context';
import { ChartFrame, type LegendItem } from './ChartFrame';
import { lossQuantity, trainingCurveTable } from './export/curveTables';
import type { CurveAxis } from './kit/IterationPlot';
import { TrainingCurvePlot } from './kit/TrainingCurvePlot';
import { lossKindLabel, lossKindOf, useModelStyles } from './learner';
import { useLiveValue } from './live/useLiveValue';
import { lossCurve, smoothingSpan } from './lossCurve';
import { lossSummary } from './lossSummary';
import { useLogAxis } from './kit/useLogAxis';

const selectLoss = (state: PlaygroundState) => shownSeries(state).metaTrainLoss;
const selectTotal = (state: PlaygroundState) => shownConfig(state).iterations;
const selectTask = (state: PlaygroundState) => shownConfig(state).task;

const NAMES = { raw: 'loss-raw-line', smooth: 'loss-smooth-line' } as const;

/**
 * The meta-training loss of every iteration so far: thin and light as measured, bold as a moving
 * average, on a log scale, from a few hundred points, redrawn when the chart scheduler says.
 */
export function LossChart({ height }: { readonly height?: number }) {
  const { value: series, ref } = useLiveValue(selectLoss);
  const total = usePlayground(selectTotal);
  const measure = lossKindLabel(lossKindOf({ task: usePlayground(selectTask) }));
  const learner = useModelStyles().learner;
  const color = learner.color;
  const span = smoothingSpan(total);
  const curve = useMemo(() => lossCurve(series, span), [series, span]);
  const log = useLogAxis(curve.min, curve.max);
  const axis = useMemo(
    (): CurveAxis => ({ kind: 'log', log, label: `Query ${measure} (log scale)` }),
    [log, measure],
  );

  const table = useCallback(
    () =>
      trainingCurveTable({ curve, learner: learner.label, quantity: lossQuantity(measure), span }),
    [curve, learner.label, measure, span],
  );

  const legend: LegendItem[] = [
    { label: 'Each iteration', color, kind: 'line', width: 1, opacity: 0.4 },
    { label: `Moving average (${span} iterations)`, color, kind: 'line', width: 2.5 },
  ];

  return (
    <ChartFrame
      bodyRef={ref}
      name="loss"
      title="Meta-training loss"
      subtitle={`${learner.label}'s query loss (${measure}) after adapting to each meta-batch of training tasks.`}
      legend={legend}
      summary={lossSummary(curve, series, span)}
      empty={curve.points.length === 0 ? 'Waiting for the first meta-iteration…' : null}
      height={height}
      table={table}
    >
      {(width, plotHeight) => (
        <TrainingCurvePlot
          width={width}
          height={plotHeight}
          curve={curve}
          color={color}
          names={NAMES}
          axis={axis}
        />
      )}
    </ChartFrame>
  );
}

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
import type { FinishedSeed } from '../store/seedsSlice';
import { seriesOf } from './export/curveTables';

const selectLoss = (state: PlaygroundState) => shownSeries(state).metaTrainLoss;
const NO_SEEDS: readonly FinishedSeed[] = [];
/** The finished seeds of the live run, drawn faintly when the user asks for each seed. */
const selectSeeds = (state: PlaygroundState) =>
  state.viewing === null && state.seeds.showEach ? state.seeds.finished : NO_SEEDS;
/** The seed whose curve the live run draws: the one training, or the last once all are done. */
const selectLiveSeed = (state: PlaygroundState) =>
  Math.min(state.seeds.index, state.seeds.seeds.length - 1);
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
  const finished = usePlayground(selectSeeds);
  const liveSeed = usePlayground(selectLiveSeed);
  const seedCurves = useMemo(
    () =>
      finished
        .filter((_, k) => k !== liveSeed)
        .map(({ run, loss }) => ({
          key: `seed_${run.seed}`,
          seed: run.seed,
          curve: lossCurve(loss, span),
        }))
        .map((seed) => ({ ...seed, points: seed.curve.points })),
    [finished, liveSeed, span],
  );
  const low = Math.min(curve.min, ...seedCurves.map((seed) => seed.curve.min));
  const high = Math.max(curve.max, ...seedCurves.map((seed) => seed.curve.max));
  const log = useLogAxis(low, high);
  const axis = useMemo(
    (): CurveAxis => ({ kind: 'log', log, label: `Query ${measure} (log scale)` }),
    [log, measure],
  );

  const table = useCallback(() => {
    const quantity = lossQuantity(measure);
    const own = trainingCurveTable({ curve, learner: learner.label, quantity, span });
    const seeds = seedCurves.map(({ seed, points }) =>
      seriesOf(
        {
          label: `${learner.label} seed ${seed} meta-training loss, moving average over ${span} iterations`,
          unit: quantity.unit,
        },
        points,
        'smooth',
      ),
    );
    return { ...own, series: [...own.series, ...seeds] };
  }, [curve, learner.label, measure, span, seedCurves]);

  const legend: LegendItem[] = [
    { label: 'Each iteration', color, kind: 'line', width: 1, opacity: 0.4 },
    { label: `Moving average (${span} iterations)`, color, kind: 'line', width: 2.5 },
    ...(seedCurves.length > 0
      ? [{ label: 'Each finished seed (moving average)', color, kind: 'line' as const, width: 1 }]
      : []),
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
          seeds={seedCurves}
        />
      )}
    </ChartFrame>
  );
}

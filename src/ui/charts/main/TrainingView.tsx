import { isClassification } from '../../../core/families/registry';
import { useCallback, useMemo } from 'react';
import type { PlaygroundState } from '../../store/playgroundStore';
import { shownConfig, shownEvaluations, shownSeries } from '../../store/viewingSlice';
import { usePlayground } from '../../training/context';
import { chanceLegend } from '../accuracy';
import { ChartContent, type LegendItem } from '../ChartFrame';
import { accuracyQuantity, lossQuantity, trainingCurveTable } from '../export/curveTables';
import { heldOutSeries } from '../HeldOutChart';
import { heldOutRange, heldOutRows, heldOutStep } from '../heldOutRows';
import type { CurveAxis } from '../kit/IterationPlot';
import { TRAINING_LOOK_UNDER, TrainingCurvePlot } from '../kit/TrainingCurvePlot';
import { useLogAxis } from '../kit/useLogAxis';
import { lossKindLabel, lossKindOf, useModelStyles } from '../learner';
import { useLiveValue } from '../live/useLiveValue';
import { finite, lossCurve, smoothingSpan } from '../lossCurve';
import type { Measure } from '../MeasureToggle';
import type { ModelKey } from '../palette';
import { trainingSummary } from './mainSummary';

const selectTraining = (state: PlaygroundState) => ({
  loss: shownSeries(state).metaTrainLoss,
  accuracy: shownSeries(state).metaTrainAccuracy,
  evaluations: shownEvaluations(state).points,
});
const selectConfig = (state: PlaygroundState) => shownConfig(state);

/** The held-out models drawn over the training curve: the learner and the pretrained baseline. */
const HELD_OUT: readonly ModelKey[] = ['learner', 'pretrained'];
const NAMES = { raw: 'main-raw-line', smooth: 'main-smooth-line' } as const;
const heldOutClass = (model: ModelKey) => `main-held-out main-held-out-${model}`;

/**
 * The rows, a lone one doubled: a line's markers are drawn by its shape from two points on, and
 * the same point twice draws one marker (see kit/markers.tsx). A run checks its held-out loss only
 * every few thousand iterations, so a lone check can stand for a long time.
 */
function atLeastTwo<T>(rows: readonly T[]): readonly T[] {
  return rows.length === 1 ? [rows[0]!, rows[0]!] : rows;
}

interface TrainingViewProps {
  readonly titleId: string;
  readonly measure: Measure;
}

/**
 * The meta-training loss (or accuracy), raw and as a moving average, with the held-out result
 * after adapting, learner against pretrained, at each evaluation: one look tells whether
 * meta-learning works.
 */
export function TrainingView({ titleId, measure }: TrainingViewProps) {
  const { value, ref } = useLiveValue(selectTraining);
  const config = usePlayground(selectConfig);
  const styles = useModelStyles();
  const classification = isClassification(config);
  const span = smoothingSpan(config.iterations);
  const series = measure === 'accuracy' ? value.accuracy : value.loss;
  const curve = useMemo(
    () => lossCurve(series, span, undefined, measure === 'accuracy' ? finite : undefined),
    [series, span, measure],
  );
  const { evaluations } = value;
  const step = heldOutStep(evaluations.at(-1)?.evaluation.steps.length ?? 2, classification);
  const rows = useMemo(() => heldOutRows(evaluations, measure, step), [evaluations, measure, step]);
  const [low, high] = heldOutRange(rows, HELD_OUT);
  const log = useLogAxis(Math.min(low, curve.min), Math.max(high, curve.max));
  const lossName = lossKindLabel(lossKindOf(config));
  const axis = useMemo(
    (): CurveAxis =>
      measure === 'loss'
        ? { kind: 'log', log, label: `${lossName} (log)` }
        : { kind: 'accuracy', label: 'Query accuracy', ways: config.ways },
    [measure, log, lossName, config.ways],
  );
  const heldOut = useMemo(
    () => ({ rows: atLeastTwo(rows), series: heldOutSeries(HELD_OUT, styles, heldOutClass) }),
    [rows, styles],
  );

  const table = useCallback(() => {
    const quantity = measure === 'accuracy' ? accuracyQuantity() : lossQuantity(lossName);
    // The lone evaluation doubled for its marker is one row of data.
    const heldOutRows = { rows, models: HELD_OUT, labels: styles, quantity, steps: step };
    return trainingCurveTable({
      curve,
      learner: styles.learner.label,
      quantity,
      span,
      heldOut: heldOutRows,
    });
  }, [measure, lossName, rows, styles, step, curve, span]);

  const { color } = styles.learner;
  const what = measure === 'accuracy' ? 'accuracy' : 'loss';
  const under = TRAINING_LOOK_UNDER;
  const legend: LegendItem[] = [
    { label: `Training ${what}`, color, kind: 'line', width: 1, opacity: 0.35 },
    {
      label: 'average',
      color,
      kind: 'line',
      width: under.smoothWidth,
      opacity: under.smoothOpacity,
    },
    ...HELD_OUT.map((model): LegendItem => ({
      label: `${styles[model].label} held-out`,
      color: styles[model].color,
      kind: 'line',
      width: 2.5,
      dash: styles[model].dash,
      marker: styles[model].marker,
    })),
  ];
  if (measure === 'accuracy') legend.push(chanceLegend(config.ways));

  return (
    <ChartContent
      titleId={titleId}
      legend={legend}
      summary={trainingSummary({ curve, series, span, rows, step, measure, styles })}
      empty={
        curve.points.length === 0 && rows.length === 0
          ? 'Press Start: the learning curve appears here as the learner trains.'
          : null
      }
      height="fill"
      bodyRef={ref}
      table={table}
    >
      {(width, height) => (
        <TrainingCurvePlot
          width={width}
          height={height}
          curve={curve}
          color={color}
          names={NAMES}
          axis={axis}
          heldOut={heldOut}
        />
      )}
    </ChartContent>
  );
}

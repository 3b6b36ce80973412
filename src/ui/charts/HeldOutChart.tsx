import { isClassification } from '../../core/families/registry';
import { useCallback, useMemo } from 'react';
import type { PlaygroundState } from '../store/playgroundStore';
import { shownConfig, shownEvaluations } from '../store/viewingSlice';
import { usePlayground } from '../training/context';
import { chanceLegend, formatPercent } from './accuracy';
import { ChartFrame, type LegendItem } from './ChartFrame';
import { accuracyQuantity, heldOutTable, lossQuantity } from './export/curveTables';
import { formatCount, formatValue, stepsText } from './format';
import {
  heldOutRange,
  heldOutRows,
  heldOutStep,
  type HeldOutMeasure,
  type HeldOutRow,
} from './heldOutRows';
import { IterationPlot, type CurveAxis } from './kit/IterationPlot';
import { markedLine, type MarkedSeries } from './kit/series';
import { MAX_MARKED_EVALUATIONS } from './kit/TrainingCurvePlot';
import { useLogAxis } from './kit/useLogAxis';
import { lossKindLabel, lossKindOf, useModelStyles } from './learner';
import { useLiveValue } from './live/useLiveValue';
import type { ModelKey, ModelStyle } from './palette';

const selectPoints = (state: PlaygroundState) => shownEvaluations(state).points;
const selectTask = (state: PlaygroundState) => shownConfig(state).task;
const selectWays = (state: PlaygroundState) => shownConfig(state).ways;

const SHOWN: Readonly<Record<HeldOutMeasure, readonly ModelKey[]>> = {
  loss: ['learner', 'pretrained'],
  accuracy: ['learner', 'pretrained', 'scratch'],
};

type Styles = Readonly<Record<ModelKey, ModelStyle>>;

/** "MAML 0.312, pretrained 2.91 (MAML is better)": the latest check in words. */
export function heldOutVerdict(
  row: HeldOutRow,
  models: readonly ModelKey[],
  measure: HeldOutMeasure,
  styles: Styles,
): string {
  const format = measure === 'loss' ? formatValue : formatPercent;
  const parts = models.map((model) => {
    const value = row[model];
    return `${styles[model].name} ${value === null ? 'not a finite number' : format(value)}`;
  });
  const { learner, pretrained } = row;
  let verdict = '';
  if (learner !== null && pretrained !== null) {
    const better = measure === 'loss' ? learner < pretrained : learner > pretrained;
    verdict =
      learner === pretrained
        ? ' (a tie)'
        : better
          ? ` (${styles.learner.name} is better)`
          : ' (pretrained is better)';
  }
  return `${parts.join(', ')}${verdict}`;
}

function summaryOf(
  rows: readonly HeldOutRow[],
  step: number,
  measure: HeldOutMeasure,
  styles: Styles,
) {
  const last = rows.at(-1);
  if (last === undefined) return 'No held-out evaluation yet.';
  return (
    `Latest check at iteration ${formatCount(last.iteration)} on ${formatCount(last.tasks)} ` +
    `new tasks, after ${stepsText(step)}: ${heldOutVerdict(last, SHOWN[measure], measure, styles)}.`
  );
}

/** Each shown model's line, named for the tests and styles of the chart it is drawn in. */
export function heldOutSeries(
  models: readonly ModelKey[],
  styles: Styles,
  className: (model: ModelKey) => string,
): MarkedSeries[] {
  return models.map((model) => ({
    dataKey: model,
    className: className(model),
    style: styles[model],
  }));
}

const heldOutClass = (model: ModelKey) => `held-out-line held-out-${model}`;

/**
 * Held-out results at intervals during training: how well the learner's and the pretrained
 * network's starting points do on new tasks after fine-tuning. Sine waves show the loss after one
 * step; classification shows accuracy after the evaluation's last step, against chance and a
 * network trained from scratch. Redrawn only when a new evaluation arrives.
 */
export function HeldOutChart({ height }: { readonly height?: number }) {
  const { value: points, ref } = useLiveValue(selectPoints);
  const task = usePlayground(selectTask);
  const ways = usePlayground(selectWays);
  const styles = useModelStyles();
  const measure: HeldOutMeasure = isClassification({ task }) ? 'accuracy' : 'loss';
  const lossName = lossKindLabel(points.at(-1)?.evaluation.lossKind ?? lossKindOf({ task }));
  const step = heldOutStep(points.at(-1)?.evaluation.steps.length ?? 2, isClassification({ task }));
  const rows = useMemo(() => heldOutRows(points, measure, step), [points, measure, step]);
  const [low, high] = heldOutRange(rows, SHOWN[measure]);
  const log = useLogAxis(low, high);
  const axis = useMemo(
    (): CurveAxis =>
      measure === 'loss'
        ? { kind: 'log', log, label: `Held-out ${lossName} (log)` }
        : { kind: 'accuracy', label: 'Held-out accuracy', ways },
    [measure, log, lossName, ways],
  );
  const series = useMemo(
    () => heldOutSeries(SHOWN[measure], styles, heldOutClass),
    [measure, styles],
  );

  const table = useCallback(
    () =>
      heldOutTable({
        rows,
        models: SHOWN[measure],
        labels: styles,
        quantity: measure === 'loss' ? lossQuantity(lossName) : accuracyQuantity(),
        steps: step,
      }),
    [rows, measure, styles, lossName, step],
  );

  const legend: LegendItem[] = SHOWN[measure].map((model) => ({
    label: `${styles[model].label}, after ${stepsText(step)}`,
    color: styles[model].color,
    kind: 'line',
    dash: styles[model].dash,
    marker: styles[model].marker,
  }));
  if (measure === 'accuracy') legend.push(chanceLegend(ways));

  const subtitle =
    measure === 'loss'
      ? `Loss (${lossName}) on new tasks after ${stepsText(step)} of fine-tuning, checked at intervals.`
      : `Accuracy on the query images of new tasks after ${stepsText(step)} of fine-tuning on their support images, checked at intervals.`;
  const markers = rows.length <= MAX_MARKED_EVALUATIONS ? 'normal' : 'none';

  return (
    <ChartFrame
      bodyRef={ref}
      name="held-out"
      title={
        measure === 'loss' ? 'Held-out loss during training' : 'Held-out accuracy during training'
      }
      subtitle={subtitle}
      legend={legend}
      summary={summaryOf(rows, step, measure, styles)}
      empty={rows.length === 0 ? 'Waiting for the first held-out evaluation…' : null}
      height={height}
      table={table}
    >
      {(width, plotHeight) => (
        <IterationPlot
          width={width}
          height={plotHeight}
          data={rows}
          lastIteration={rows.at(-1)?.iteration ?? 0}
          axis={axis}
        >
          {series.map((line) => markedLine(line, markers, rows.length))}
        </IterationPlot>
      )}
    </ChartFrame>
  );
}

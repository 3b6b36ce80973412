import { isClassification } from '../../core/families/registry';
import { useCallback, useMemo, useState } from 'react';
import type { Evaluation } from '../../core/trainer';
import type { EvaluationPoint } from '../store/evaluationSlice';
import type { PlaygroundState } from '../store/playgroundStore';
import { shownConfig } from '../store/viewingSlice';
import { drawnSeedEvaluations, shownHeldOut, shownSeedCount } from '../store/shownHeldOut';
import type { SeedEvaluation } from '../store/seedsSlice';
import { usePlayground } from '../training/context';
import { chanceLegend, chanceOf, formatPercent, formatPercentSpread } from './accuracy';
import {
  accuracyView,
  adaptationRows,
  lossView,
  worstOffChart,
  type CurveView,
  type OffChart,
} from './adaptationView';
import { ChartFrame, type LegendItem } from './ChartFrame';
import { adaptationStepTable } from './export/adaptationStepTable';
import { formatCount, formatSpread, formatValue, stepsText } from './format';
import { AdaptationPlot, type StepSeries } from './kit/AdaptationPlot';
import { lossKindLabel, useModelStyles } from './learner';
import { useLiveValue } from './live/useLiveValue';
import { MeasureToggle, type Measure } from './MeasureToggle';
import { modelCurves, type CurvesByModel } from './modelCurves';
import { MODEL_ORDER, type ModelKey, type ModelStyle } from './palette';
import { acrossSeedsText, seedLinesOf, type SeedLine } from './seedLines';

const selectLatest = (state: PlaygroundState) => shownHeldOut(state);
const selectTask = (state: PlaygroundState) => shownConfig(state).task;
const selectWays = (state: PlaygroundState) => shownConfig(state).ways;

type Styles = Readonly<Record<ModelKey, ModelStyle>>;

interface Curves {
  readonly measure: Measure;
  /** Each model's curve of that measure. */
  readonly source: CurvesByModel;
  readonly view: CurveView;
  readonly rows: readonly object[];
  /** The loss mean furthest above the top of the axis, for the summary. */
  readonly offChart: OffChart | null;
  /** Each seed's learner curve, in the rows too, when each seed is drawn. */
  readonly seedLines: readonly SeedLine[];
}

function drawnCurves(
  evaluation: Evaluation,
  measure: Measure,
  seeds: readonly SeedEvaluation[],
): Curves {
  const { steps } = evaluation;
  const accuracy = measure === 'accuracy' ? modelCurves(evaluation, 'accuracy') : null;
  const source = accuracy ?? modelCurves(evaluation, 'loss');
  const shown = accuracy ? 'accuracy' : 'loss';
  const curves = MODEL_ORDER.map((model) => source[model]);
  const seedLines = seedLinesOf(seeds, shown);
  // The axis holds the seeds' own curves too, so none is cut off.
  const all = [...curves, ...seedLines.map((line) => line.curve)];
  const view = accuracy ? accuracyView(all, steps.length) : lossView(all, steps.length);
  const keys = [...MODEL_ORDER, ...seedLines.map((line) => line.key)];
  return {
    measure: shown,
    source,
    view,
    rows: adaptationRows(steps, keys, view.curves),
    offChart: worstOffChart(curves, steps, view),
    seedLines,
  };
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

/** What the latest evaluation says in words, for the chart's summary. */
export function adaptationSummary(
  point: EvaluationPoint,
  curves: Curves,
  styles: Styles,
  ways: number,
  seeds: number | null = null,
): string {
  const { evaluation, iteration } = point;
  const { source } = curves;
  const what =
    curves.measure === 'accuracy' ? 'Accuracy' : `Loss (${lossKindLabel(evaluation.lossKind)})`;
  const last = evaluation.steps.length - 1;
  const parts = [
    seeds === null
      ? `${what} at iteration ${formatCount(iteration)}, ${formatCount(evaluation.tasks)} held-out tasks.`
      : `${what} at iteration ${formatCount(iteration)}, ${acrossSeedsText(seeds)} ` +
        `(each seed ${formatCount(evaluation.tasks)} held-out tasks).`,
  ];
  if (last >= 1) parts.push(`After 1 step: ${resultsAt(source, 1, curves.measure, styles)}.`);
  if (last !== 1) {
    parts.push(`After ${stepsText(last)}: ${resultsAt(source, last, curves.measure, styles)}.`);
  }
  if (curves.measure === 'accuracy') parts.push(`Chance is ${formatPercent(chanceOf(ways))}.`);
  const worst = curves.offChart;
  if (worst !== null) {
    const model = MODEL_ORDER[worst.index]!;
    parts.push(
      `${styles[model].label}: the mean reaches ${formatValue(worst.mean)} after ` +
        `${stepsText(worst.step)}, above the chart: fine-tuning blew up on some tasks.`,
    );
  }
  return parts.join(' ');
}

export function adaptationLegend(
  styles: Styles,
  measure: Measure,
  ways: number,
  seeds: number | null = null,
  seedLines = 0,
): LegendItem[] {
  const legend: LegendItem[] = MODEL_ORDER.map((model) => ({
    label: styles[model].label,
    color: styles[model].color,
    kind: 'line',
    dash: styles[model].dash,
    marker: styles[model].marker,
  }));
  const band = seeds === null ? '95% interval' : `95% interval across ${seeds} seeds`;
  legend.push({ label: band, color: 'var(--muted)', kind: 'band' });
  if (seedLines > 0) {
    legend.push({
      label: `${styles.learner.label}, each seed`,
      color: styles.learner.color,
      kind: 'line',
    });
  }
  if (measure === 'accuracy') legend.push(chanceLegend(ways));
  return legend;
}

/** The learner's and the baselines' series, named for the tests and styles of this chart. */
function seriesOf(styles: Styles): StepSeries[] {
  return MODEL_ORDER.map((model) => ({
    key: model,
    style: styles[model],
    lineClass: `adaptation-line adaptation-${model}`,
    bandClass: `adaptation-band adaptation-band-${model}`,
  }));
}

/** The latest evaluation drawn as adaptation curves; shared by this chart and the main chart. */
export function useAdaptationCurves(point: EvaluationPoint | undefined, measure: Measure) {
  const styles = useModelStyles();
  const seeds = usePlayground(drawnSeedEvaluations);
  const curves = useMemo(
    () => (point ? drawnCurves(point.evaluation, measure, seeds) : null),
    [point, measure, seeds],
  );
  const series = useMemo(() => seriesOf(styles), [styles]);
  return { curves, series, styles };
}

/**
 * The latest held-out evaluation: how new tasks are learned in 0..k fine-tuning steps from the
 * learner's starting point, the pretrained network and a random one, each with its 95% interval.
 * Classification runs can show accuracy (the default) or the loss. Redrawn only when a new
 * evaluation arrives.
 */
export function AdaptationChart({ height }: { readonly height?: number }) {
  const { value: point, ref } = useLiveValue(selectLatest);
  const seeds = usePlayground(shownSeedCount);
  const classification = isClassification({ task: usePlayground(selectTask) });
  const ways = usePlayground(selectWays);
  const [choice, setChoice] = useState<Measure>('accuracy');
  const { curves, series, styles } = useAdaptationCurves(point, classification ? choice : 'loss');
  const measure = curves?.measure ?? (classification ? choice : 'loss');
  const lossName = lossKindLabel(
    point?.evaluation.lossKind ?? (classification ? 'cross-entropy' : 'mse'),
  );
  const shown = measure === 'accuracy' ? 'Held-out accuracy' : `Held-out loss (${lossName})`;
  const table = useCallback(
    () => (curves === null ? null : adaptationStepTable(curves, styles, lossName)),
    [curves, styles, lossName],
  );
  const after = `${shown} after 0–${(point?.evaluation.steps.length ?? 1) - 1} fine-tuning steps`;
  const at = `at iteration ${formatCount(point?.iteration ?? 0)}.`;
  const tasks = formatCount(point?.evaluation.tasks ?? 0);
  const subtitle =
    point === undefined
      ? `${shown} after each fine-tuning step on new tasks.`
      : seeds === null
        ? `${after}, mean of ${tasks} new tasks, ${at}`
        : `${after}, ${acrossSeedsText(seeds)} (each seed ${tasks} new tasks), ${at}`;

  return (
    <ChartFrame
      bodyRef={ref}
      name="adaptation"
      title="Adapting to new tasks"
      subtitle={subtitle}
      legend={adaptationLegend(styles, measure, ways, seeds, curves?.seedLines.length ?? 0)}
      controls={
        classification ? (
          <MeasureToggle value={choice} onChange={setChoice} lossName={lossName} />
        ) : null
      }
      summary={
        point && curves
          ? adaptationSummary(point, curves, styles, ways, seeds)
          : 'No held-out evaluation yet.'
      }
      empty={curves === null ? 'Waiting for the first held-out evaluation…' : null}
      height={height}
      table={table}
    >
      {(width, plotHeight) =>
        point === undefined || curves === null ? null : (
          <AdaptationPlot
            width={width}
            height={plotHeight}
            rows={curves.rows}
            lastStep={point.evaluation.steps.at(-1) ?? 0}
            series={series}
            seedLines={curves.seedLines}
            axis={curves.view.axis}
            lossName={lossName}
            ways={ways}
            bandOpacity={0.13}
          />
        )
      }
    </ChartFrame>
  );
}

import { useMemo } from 'react';
import type { AdaptationCurve, CurvesByModel } from '../../core/session';
import type { EvaluationPoint } from '../store/evaluationSlice';
import type { PlaygroundState } from '../store/playgroundStore';
import { usePlayground } from '../training/context';
import { ChanceLine, chanceLegend, formatPercent } from './accuracy';
import { heldOutAxis, iterationAxis } from './axes';
import { ChartFrame, type LegendItem } from './ChartFrame';
import { formatCount, formatValue, stepsText } from './format';
import { lossKindLabel, lossKindOf, useModelStyles } from './learner';
import type { ModelKey, ModelStyle } from './palette';
import { Marker, Plot, linePath, plotArea } from './plot';
import { logAxis, type LogAxis } from './scales';
import { useThrottledPlayground } from './useThrottledPlayground';

const selectPoints = (state: PlaygroundState) => state.evaluations.points;
const selectLastIteration = (state: PlaygroundState) => state.series.metaTrainLoss.lastIteration;
const selectTask = (state: PlaygroundState) => state.run.config.task;
const selectWays = (state: PlaygroundState) => state.run.config.ways;

/**
 * Loss (sine waves) after one step, as in the MAML paper's regression figures; accuracy
 * (classification) after the last step, as its classification tables report.
 */
type Measure = 'loss' | 'accuracy';

const SHOWN: Readonly<Record<Measure, readonly ModelKey[]>> = {
  loss: ['maml', 'pretrained'],
  accuracy: ['maml', 'pretrained', 'scratch'],
};

type Styles = Readonly<Record<ModelKey, ModelStyle>>;

interface HeldOutRow {
  readonly iteration: number;
  readonly tasks: number;
  readonly values: Readonly<Partial<Record<ModelKey, number | null>>>;
}

function valueAt(curve: AdaptationCurve | undefined, step: number, measure: Measure) {
  const value = curve?.mean[step];
  if (value === undefined || !Number.isFinite(value)) return null;
  return measure === 'loss' && value <= 0 ? null : value;
}

function curvesOf(point: EvaluationPoint, measure: Measure): CurvesByModel | null {
  return measure === 'loss' ? point.evaluation : point.evaluation.accuracy;
}

function rowsOf(
  points: readonly EvaluationPoint[],
  measure: Measure,
): { rows: HeldOutRow[]; step: number } {
  const steps = points.at(-1)?.evaluation.steps.length ?? 2;
  const step = measure === 'accuracy' ? steps - 1 : steps > 1 ? 1 : 0;
  const rows = points.map((point) => {
    const curves = curvesOf(point, measure);
    const values = Object.fromEntries(
      SHOWN[measure].map((model) => [model, valueAt(curves?.[model], step, measure)]),
    );
    return { iteration: point.iteration, tasks: point.evaluation.tasks, values };
  });
  return { rows, step };
}

function summaryOf(rows: readonly HeldOutRow[], step: number, measure: Measure, styles: Styles) {
  const last = rows.at(-1);
  if (last === undefined) return 'No held-out evaluation yet.';
  const head =
    `Latest check at iteration ${formatCount(last.iteration)} on ${formatCount(last.tasks)} ` +
    `new tasks, after ${stepsText(step)}: `;
  const format = measure === 'loss' ? formatValue : formatPercent;
  const parts = SHOWN[measure].map((model) => {
    const value = last.values[model];
    return `${styles[model].name} ${value === null || value === undefined ? 'not a finite number' : format(value)}`;
  });
  const learner = last.values.maml;
  const pretrained = last.values.pretrained;
  let verdict = '';
  if (learner != null && pretrained != null) {
    const better = measure === 'loss' ? learner < pretrained : learner > pretrained;
    verdict =
      learner === pretrained
        ? ' (a tie)'
        : better
          ? ` (${styles.maml.name} is better)`
          : ' (pretrained is better)';
  }
  return `${head}${parts.join(', ')}${verdict}.`;
}

interface HeldOutPlotProps {
  readonly rows: readonly HeldOutRow[];
  readonly measure: Measure;
  readonly lossName: string;
  readonly ways: number;
  readonly styles: Styles;
  readonly lastIteration: number;
  readonly width: number;
}

function HeldOutPlot(props: HeldOutPlotProps) {
  const { rows, measure, styles, width } = props;
  const area = plotArea(width);
  const x = iterationAxis(Math.max(props.lastIteration, rows.at(-1)?.iteration ?? 0), area);
  let log: LogAxis | null = null;
  if (measure === 'loss') {
    const values = rows.flatMap((row) => Object.values(row.values)).filter((v) => v != null);
    log = logAxis(Math.min(...values), Math.max(...values));
  }
  const y = heldOutAxis(area, props.lossName, log);
  return (
    <Plot width={width} area={area} x={x} y={y}>
      {measure === 'accuracy' && <ChanceLine ways={props.ways} area={area} />}
      {SHOWN[measure].map((model) => {
        const style = styles[model];
        const d = linePath(
          rows.length,
          (i) => x.scale(rows[i]!.iteration),
          (i) => {
            const value = rows[i]!.values[model];
            return value == null ? null : y.scale(value);
          },
        );
        return (
          <g key={model} className={`held-out-series held-out-${model}`}>
            <path
              className="held-out-line"
              d={d}
              fill="none"
              stroke={style.color}
              strokeWidth={2}
              strokeDasharray={style.dash}
            />
            {rows.map((row) => {
              const value = row.values[model];
              return value == null ? null : (
                <Marker
                  key={row.iteration}
                  shape={style.marker}
                  x={x.scale(row.iteration)}
                  y={y.scale(value)}
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
 * Held-out results at intervals during training: how well the learner's and the pretrained
 * network's starting points do on new tasks after fine-tuning. Sine waves show the loss after one
 * step; classification shows accuracy after the evaluation's last step, against chance and a
 * network trained from scratch. Shares the loss chart's x axis.
 */
export function HeldOutChart() {
  const points = usePlayground(selectPoints);
  const lastIteration = useThrottledPlayground(selectLastIteration);
  const task = usePlayground(selectTask);
  const ways = usePlayground(selectWays);
  const styles = useModelStyles();
  const measure: Measure = task === 'sinusoid' ? 'loss' : 'accuracy';
  const lossName = lossKindLabel(points.at(-1)?.evaluation.lossKind ?? lossKindOf({ task }));
  const { rows, step } = useMemo(() => rowsOf(points, measure), [points, measure]);

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

  return (
    <ChartFrame
      name="held-out"
      title={
        measure === 'loss' ? 'Held-out loss during training' : 'Held-out accuracy during training'
      }
      subtitle={subtitle}
      legend={legend}
      summary={summaryOf(rows, step, measure, styles)}
      empty={rows.length === 0 ? 'Waiting for the first held-out evaluation…' : null}
    >
      {(width) => (
        <HeldOutPlot
          rows={rows}
          measure={measure}
          lossName={lossName}
          ways={ways}
          styles={styles}
          lastIteration={lastIteration}
          width={width}
        />
      )}
    </ChartFrame>
  );
}

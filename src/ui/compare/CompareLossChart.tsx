import { useCallback, useMemo } from 'react';
import { Line } from 'recharts';
import type { AlgorithmId } from '../../core/learners/registry';
import type { ExperimentConfig } from '../../core/config';
import { ChartFrame, type LegendItem } from '../charts/ChartFrame';
import { compareLossTable } from '../charts/export/compareTables';
import { formatCount, formatValue } from '../charts/format';
import { STATIC_SERIES } from '../charts/kit/chartStyle';
import { IterationPlot, type CurveAxis } from '../charts/kit/IterationPlot';
import { useLogAxis } from '../charts/kit/useLogAxis';
import { algorithmLabel, lossKindLabel, lossKindOf } from '../charts/learner';
import { useLiveValue } from '../charts/live/useLiveValue';
import { lossCurve, smoothingSpan, type LossCurve } from '../charts/lossCurve';
import { algorithmStyle } from '../charts/palette';
import type { LossSeries } from '../store/lossSeries';
import type { PlaygroundState } from '../store/playgroundStore';
import { shownConfig, shownSeries } from '../store/viewingSlice';
import { usePlayground } from '../training/context';

const selectCompared = (state: PlaygroundState) => shownSeries(state).comparedLoss;
const selectConfig = (state: PlaygroundState) => shownConfig(state);

export interface CompareLine {
  readonly id: AlgorithmId;
  readonly label: string;
  readonly curve: LossCurve;
}

/** The smallest and largest moving average of all lines, for a shared log axis. */
function rangeOf(lines: readonly CompareLine[]): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const { curve } of lines) {
    for (const point of curve.points) {
      if (point.smooth === null || point.smooth <= 0) continue;
      low = Math.min(low, point.smooth);
      high = Math.max(high, point.smooth);
    }
  }
  return [low, high];
}

/** The iteration the furthest compared algorithm has reached. */
export function lastIterationOf(lines: readonly CompareLine[]): number {
  return Math.max(0, ...lines.map((line) => line.curve.lastIteration));
}

export function compareLossSummary(lines: readonly CompareLine[], span: number): string {
  const latest = lines.map(({ label, curve }) => {
    const value = curve.points.at(-1)?.smooth;
    return `${label} ${value === null || value === undefined ? 'no finite loss' : formatValue(value)}`;
  });
  const iteration = lastIterationOf(lines);
  if (iteration === 0) return 'No meta-iterations yet: the losses appear here as the run trains.';
  return (
    `At iteration ${formatCount(iteration)}, each algorithm's meta-training loss averaged over ` +
    `about ${span} iterations: ${latest.join(', ')}.`
  );
}

export function compareLossLegend(config: ExperimentConfig): LegendItem[] {
  return config.compare.map((id) => {
    const style = algorithmStyle(id);
    return {
      label: algorithmLabel(id, config),
      color: style.color,
      kind: 'line',
      dash: style.dash,
      width: 2.25,
    };
  });
}

/** Each compared algorithm's loss curve, in the settings' order. */
function linesOf(
  series: readonly LossSeries[],
  config: ExperimentConfig,
  span: number,
): CompareLine[] {
  return config.compare.flatMap((id, i): CompareLine[] => {
    const loss = series[i];
    if (loss === undefined) return [];
    return [{ id, label: algorithmLabel(id, config), curve: lossCurve(loss, span) }];
  });
}

/** The compared algorithms' curves and the shared log axis, from the live store. */
export function useCompareLines(series: readonly LossSeries[]) {
  const config = usePlayground(selectConfig);
  const span = smoothingSpan(config.iterations);
  const measure = lossKindLabel(lossKindOf(config));
  const lines = useMemo(() => linesOf(series, config, span), [series, config, span]);
  const [low, high] = rangeOf(lines);
  const log = useLogAxis(low, high);
  const axis = useMemo(
    (): CurveAxis => ({ kind: 'log', log, label: `Query ${measure} (log scale)` }),
    [log, measure],
  );
  return { config, span, measure, lines, axis };
}

interface CompareLossPlotProps {
  readonly lines: readonly CompareLine[];
  readonly axis: CurveAxis;
  readonly width: number;
  readonly height: number;
}

/** Every compared algorithm's moving average over iterations, each in its own look. */
export function CompareLossPlot({ lines, axis, width, height }: CompareLossPlotProps) {
  return (
    <IterationPlot width={width} height={height} lastIteration={lastIterationOf(lines)} axis={axis}>
      {lines.map(({ id, curve }) => {
        const style = algorithmStyle(id);
        return (
          <Line
            key={id}
            {...STATIC_SERIES}
            className={`compare-loss-line compare-loss-${id}`}
            data={curve.points}
            dataKey="smooth"
            type="linear"
            dot={false}
            stroke={style.color}
            strokeWidth={2.25}
            strokeDasharray={style.dash}
          />
        );
      })}
    </IterationPlot>
  );
}

/**
 * Each compared algorithm's meta-training loss on the same tasks, as a moving average on a shared
 * log scale: how fast each learns to adapt, iteration by iteration.
 */
export function CompareLossChart({ height }: { readonly height?: number }) {
  const { value: series, ref } = useLiveValue(selectCompared);
  const { config, span, measure, lines, axis } = useCompareLines(series);
  const drawn = lines.some((line) => line.curve.points.length > 0);
  const table = useCallback(() => compareLossTable(lines, span, measure), [lines, span, measure]);
  return (
    <ChartFrame
      bodyRef={ref}
      name="compare-loss"
      title="Meta-training loss, side by side"
      subtitle={`Query loss (${measure}) after adapting, moving average over ${span} iterations.`}
      legend={compareLossLegend(config)}
      summary={compareLossSummary(lines, span)}
      empty={drawn ? null : 'Waiting for the first meta-iteration of the comparison…'}
      height={height}
      table={table}
    >
      {(width, plotHeight) => (
        <CompareLossPlot lines={lines} axis={axis} width={width} height={plotHeight} />
      )}
    </ChartFrame>
  );
}

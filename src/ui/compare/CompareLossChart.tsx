import { useMemo } from 'react';
import type { AlgorithmId } from '../../core/algorithms/registry';
import { ChartFrame, type LegendItem } from '../charts/ChartFrame';
import { iterationAxis, logValueAxis } from '../charts/axes';
import { formatCount, formatValue } from '../charts/format';
import { algorithmLabel, lossKindLabel, lossKindOf } from '../charts/learner';
import { lossCurve, smoothingSpan, type LossCurve } from '../charts/lossCurve';
import { ALGORITHM_STYLES } from '../charts/palette';
import { Plot, linePath, plotArea } from '../charts/plot';
import { logAxis } from '../charts/scales';
import { useThrottledPlayground } from '../charts/useThrottledPlayground';
import type { PlaygroundState } from '../store/playgroundStore';
import { usePlayground } from '../training/context';

const selectCompared = (state: PlaygroundState) => state.series.comparedLoss;
const selectConfig = (state: PlaygroundState) => state.run.config;

interface Line {
  readonly id: AlgorithmId;
  readonly label: string;
  readonly curve: LossCurve;
}

/** The smallest and largest moving average of all lines, for a shared log axis. */
function rangeOf(lines: readonly Line[]): [number, number] {
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

function summaryOf(lines: readonly Line[], span: number): string {
  const latest = lines.map(({ label, curve }) => {
    const value = curve.points.at(-1)?.smooth;
    return `${label} ${value === null || value === undefined ? 'no finite loss' : formatValue(value)}`;
  });
  const iteration = Math.max(0, ...lines.map((line) => line.curve.lastIteration));
  if (iteration === 0) return 'No meta-iterations yet: the losses appear here as the run trains.';
  return (
    `At iteration ${formatCount(iteration)}, each algorithm's meta-training loss averaged over ` +
    `about ${span} iterations: ${latest.join(', ')}.`
  );
}

function LossLines({
  lines,
  width,
  measure,
}: {
  lines: readonly Line[];
  width: number;
  measure: string;
}) {
  const area = plotArea(width);
  const [low, high] = rangeOf(lines);
  const lastIteration = Math.max(0, ...lines.map((line) => line.curve.lastIteration));
  const x = iterationAxis(lastIteration, area);
  const y = logValueAxis(logAxis(low, high), area, `Query ${measure} (log scale)`);
  return (
    <Plot width={width} area={area} x={x} y={y}>
      {lines.map(({ id, curve }) => {
        const style = ALGORITHM_STYLES[id];
        const { points } = curve;
        const d = linePath(
          points.length,
          (i) => x.scale(points[i]!.iteration),
          (i) => {
            const value = points[i]!.smooth;
            return value === null || value <= 0 ? null : y.scale(value);
          },
        );
        return (
          <path
            key={id}
            className="compare-loss-line"
            data-model={id}
            d={d}
            fill="none"
            stroke={style.color}
            strokeWidth={2.25}
            strokeDasharray={style.dash}
          />
        );
      })}
    </Plot>
  );
}

/**
 * Each compared algorithm's meta-training loss on the same tasks, as a moving average on a shared
 * log scale: how fast each learns to adapt, iteration by iteration.
 */
export function CompareLossChart() {
  const series = useThrottledPlayground(selectCompared);
  const config = usePlayground(selectConfig);
  const span = smoothingSpan(config.iterations);
  const measure = lossKindLabel(lossKindOf(config));
  const lines = useMemo(
    () =>
      config.compare.flatMap((id, i): Line[] => {
        const loss = series[i];
        if (loss === undefined) return [];
        return [{ id, label: algorithmLabel(id, config), curve: lossCurve(loss, span) }];
      }),
    [series, config, span],
  );
  const drawn = lines.some((line) => line.curve.points.length > 0);
  const legend: LegendItem[] = config.compare.map((id) => {
    const style = ALGORITHM_STYLES[id];
    return {
      label: algorithmLabel(id, config),
      color: style.color,
      kind: 'line',
      dash: style.dash,
      width: 2.25,
    };
  });
  return (
    <ChartFrame
      name="compare-loss"
      title="Meta-training loss, side by side"
      subtitle={`Query loss (${measure}) after adapting, moving average over ${span} iterations.`}
      legend={legend}
      summary={summaryOf(lines, span)}
      empty={drawn ? null : 'Waiting for the first meta-iteration of the comparison…'}
    >
      {(width) => <LossLines lines={lines} width={width} measure={measure} />}
    </ChartFrame>
  );
}

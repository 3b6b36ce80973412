import { useMemo, type ReactNode } from 'react';
import { ComposedChart } from 'recharts';
import { iterationAxisEnd, iterationTicks } from '../scales';
import { ChartGrid, CurveYAxis, NumberXAxis, type CurveAxis } from './axes';
import { CHART_MARGIN, COMPACT_BELOW_HEIGHT } from './chartStyle';

export type { CurveAxis };

interface IterationPlotProps {
  readonly width: number;
  readonly height: number;
  /** Rows for the series that bring none of their own, each with an `iteration`. */
  readonly data?: readonly object[];
  /** The last iteration the x axis must reach (it ends at a round number past it). */
  readonly lastIteration: number;
  readonly axis: CurveAxis;
  /** The recharts series to draw. */
  readonly children: ReactNode;
}

/**
 * Values over meta-iterations: a grid, an iteration axis from 0 to a round end that grows in steps
 * with the run, and a value axis: a loss on a log scale, or accuracy with chance marked.
 */
export function IterationPlot({ axis, lastIteration, ...props }: IterationPlotProps) {
  const end = iterationAxisEnd(lastIteration);
  const domain = useMemo(() => [0, end] as const, [end]);
  const ticks = useMemo(() => iterationTicks(end), [end]);
  return (
    <ComposedChart
      width={props.width}
      height={props.height}
      data={props.data}
      margin={CHART_MARGIN}
      accessibilityLayer={false}
    >
      <ChartGrid />
      <NumberXAxis
        compact={props.height < COMPACT_BELOW_HEIGHT}
        domain={domain}
        ticks={ticks}
        label="Meta-iteration"
        dataKey="iteration"
      />
      <CurveYAxis axis={axis} />
      {props.children}
    </ComposedChart>
  );
}

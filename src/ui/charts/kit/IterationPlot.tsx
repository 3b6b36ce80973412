import { useMemo, type ReactNode } from 'react';
import { iterationAxisEnd, iterationTicks } from '../scales';
import type { CurveAxis } from './axes';
import { CurvePlot } from './CurvePlot';

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
    <CurvePlot
      width={props.width}
      height={props.height}
      data={props.data}
      x={{ domain, ticks, label: 'Meta-iteration', dataKey: 'iteration' }}
      axis={axis}
    >
      {props.children}
    </CurvePlot>
  );
}

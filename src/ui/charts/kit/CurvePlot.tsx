import type { ReactNode } from 'react';
import { ComposedChart } from 'recharts';
import { ChartGrid, CurveYAxis, NumberXAxis, type CurveAxis, type NumberXAxisProps } from './axes';
import { CHART_MARGIN, COMPACT_BELOW_HEIGHT } from './chartStyle';

interface CurvePlotProps {
  readonly width: number;
  readonly height: number;
  /** Rows for the series that bring none of their own. */
  readonly data?: readonly object[] | undefined;
  /** The numeric x axis (its label is left out when the drawing is small). */
  readonly x: Omit<NumberXAxisProps, 'compact'>;
  readonly axis: CurveAxis;
  /** The recharts series to draw. */
  readonly children: ReactNode;
}

/**
 * The frame every curve plot shares: a grid, a numeric x axis over a fixed domain, and a value axis
 * (a log loss, or accuracy with chance marked), around the series it is given.
 */
export function CurvePlot({ width, height, data, x, axis, children }: CurvePlotProps) {
  return (
    <ComposedChart
      width={width}
      height={height}
      data={data}
      margin={CHART_MARGIN}
      accessibilityLayer={false}
    >
      <ChartGrid />
      <NumberXAxis {...x} compact={height < COMPACT_BELOW_HEIGHT} />
      <CurveYAxis axis={axis} />
      {children}
    </ComposedChart>
  );
}

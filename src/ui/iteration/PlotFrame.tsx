import type { ReactNode } from 'react';
import { toSvgY, type SmallPlotFrame } from './smallPlot';

interface PlotFrameProps {
  readonly frame: SmallPlotFrame;
  /** What a screen reader hears for the whole plot (tests read it too). */
  readonly label: string;
  readonly children: ReactNode;
}

/** The frame every small plot of the view shares: its SVG box, its description and the y = 0 axis. */
export function PlotFrame({ frame, label, children }: PlotFrameProps) {
  const zero = toSvgY(frame, 0);
  return (
    <svg
      className="iteration-plot"
      viewBox={`0 0 ${frame.width} ${frame.height}`}
      role="img"
      aria-label={label}
    >
      <line className="iteration-axis" x1={0} x2={frame.width} y1={zero} y2={zero} />
      {children}
    </svg>
  );
}

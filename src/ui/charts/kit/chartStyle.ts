/**
 * Props every recharts chart of the page shares, defined once at module level so recharts sees
 * the same objects on every redraw and skips work for them. Colours are the page's custom
 * properties, so light and dark schemes need nothing here.
 */

/** Room around the plot area; the axes take their own room inside it. */
export const CHART_MARGIN = { top: 10, right: 14, bottom: 2, left: 2 } as const;

/** Height of every detailed chart's drawing, in CSS pixels; the width follows the layout. */
export const PLOT_HEIGHT = 250;

export const AXIS_TICK = { fill: 'var(--muted)', fontSize: 12 } as const;
export const AXIS_LINE = { stroke: 'var(--border)' } as const;
export const TICK_LINE = { stroke: 'var(--border)' } as const;
export const GRID_STROKE = 'var(--chart-grid)';

/** Room for the x axis with its ticks and label, and for the y axis' ticks and label. */
export const X_AXIS_HEIGHT = 38;
export const COMPACT_X_AXIS_HEIGHT = 22;

/** Drawings less tall than this leave out the x axis' label to keep room for the data. */
export const COMPACT_BELOW_HEIGHT = 200;
export const Y_AXIS_WIDTH = 58;

/** The series of every chart: drawn at once, never animated, no pointer markers. */
export const STATIC_SERIES = {
  isAnimationActive: false,
  activeDot: false,
  legendType: 'none',
} as const;

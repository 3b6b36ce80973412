/**
 * Series elements the charts share, returned as recharts elements for a chart's children: a line
 * through a model's values with its dash and markers, and a 95% band as a ranged area.
 */
import { Area, Line } from 'recharts';
import type { SeriesStyle } from '../palette';
import { STATIC_SERIES } from './chartStyle';
import { markedLineShape, markerDot, type MarkerSize } from './markers';

export interface MarkedSeries {
  /** The rows' key holding this series' values (null where nothing is drawn). */
  readonly dataKey: string;
  /** Names the line for tests and styles. */
  readonly className: string;
  readonly style: SeriesStyle;
}

/** No markers, or markers of the normal or a larger size (for lines drawn over others). */
export type Markers = 'none' | MarkerSize;

/** The `dot` and `shape` props that draw a line of `points` points with `markers` markers. */
export function markerProps(style: SeriesStyle, markers: Markers, points: number) {
  if (markers === 'none') return { dot: false } as const;
  const hollow = style.hollow === true;
  // Drawn by the line's shape from two points on (see markers.tsx), as a dot for a lone point.
  return points < 2
    ? { dot: markerDot(style.marker, hollow, markers) }
    : { dot: false, shape: markedLineShape(style.marker, hollow, markers) };
}

/**
 * A model's line with its dash pattern, and its marker at each point unless `markers` is 'none'
 * (few points only: every marker is an element of its own). `data` gives the line rows of its
 * own; otherwise it draws the chart's, `rows` of them.
 */
export function markedLine(
  series: MarkedSeries,
  markers: Markers,
  rows: number,
  data?: readonly object[],
) {
  const { style } = series;
  return (
    <Line
      key={series.dataKey}
      {...STATIC_SERIES}
      {...markerProps(style, markers, data?.length ?? rows)}
      className={series.className}
      data={data as object[] | undefined}
      dataKey={series.dataKey}
      type="linear"
      stroke={style.color}
      strokeWidth={markers === 'large' ? 2.5 : 2}
      strokeDasharray={style.dash}
    />
  );
}

/**
 * A series' 95% interval as a shaded band: `dataKey` holds [lower, upper] per row, already clamped
 * to the axis.
 */
export function bandArea(dataKey: string, className: string, color: string, opacity: number) {
  return (
    <Area
      key={dataKey}
      {...STATIC_SERIES}
      className={className}
      dataKey={dataKey}
      type="linear"
      fill={color}
      fillOpacity={opacity}
      stroke="none"
      dot={false}
    />
  );
}

/** A faint line without markers: one seed's curve beside the mean over seeds. */
export function thinLine(dataKey: string, className: string, color: string) {
  return (
    <Line
      key={dataKey}
      {...STATIC_SERIES}
      className={className}
      dataKey={dataKey}
      type="linear"
      stroke={color}
      strokeOpacity={0.45}
      strokeWidth={1.25}
      dot={false}
    />
  );
}

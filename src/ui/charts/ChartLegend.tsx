import type { MarkerShape } from './palette';

/** One entry of a chart's legend, drawn as a small sample of the series' own line or marker. */
export interface LegendItem {
  readonly label: string;
  readonly color: string;
  /** A line sample, a marker sample (filled or hollow) or a shaded band. */
  readonly kind: 'line' | 'marker' | 'hollow-marker' | 'band';
  readonly dash?: string | undefined;
  readonly width?: number;
  readonly opacity?: number;
  /** Also draws the series' marker in the middle of a line sample. */
  readonly marker?: MarkerShape;
  /** Draws that marker as an outline. */
  readonly hollow?: boolean;
}

function MarkerSample({ item }: { readonly item: LegendItem }) {
  const paint = {
    stroke: item.color,
    strokeWidth: 1.5,
    fill: item.kind === 'hollow-marker' || item.hollow === true ? 'var(--surface)' : item.color,
  };
  if (item.marker === 'square') return <rect x="11" y="3" width="8" height="8" {...paint} />;
  if (item.marker === 'diamond') return <path d="M15,2L20,7L15,12L10,7Z" {...paint} />;
  if (item.marker === 'triangle') return <path d="M15,2L20,11L10,11Z" {...paint} />;
  return <circle cx="15" cy="7" r="4" {...paint} />;
}

function LegendSample({ item }: { readonly item: LegendItem }) {
  const { color } = item;
  return (
    <svg
      className="chart-legend-sample"
      width="30"
      height="14"
      viewBox="0 0 30 14"
      aria-hidden="true"
    >
      {item.kind === 'band' && (
        <rect x="1" y="2" width="28" height="10" rx="2" fill={color} fillOpacity={0.3} />
      )}
      {item.kind === 'line' && (
        <line
          x1="1"
          x2="29"
          y1="7"
          y2="7"
          stroke={color}
          strokeWidth={item.width ?? 2}
          strokeOpacity={item.opacity ?? 1}
          strokeDasharray={item.dash}
        />
      )}
      {(item.kind !== 'line' || item.marker !== undefined) && item.kind !== 'band' && (
        <MarkerSample item={item} />
      )}
    </svg>
  );
}

/** A chart's legend as a list of samples and labels, outside the drawing so it never covers it. */
export function ChartLegend({ items }: { readonly items: readonly LegendItem[] }) {
  return (
    <ul className="chart-legend" aria-label="Legend">
      {items.map((item) => (
        <li key={item.label}>
          <LegendSample item={item} />
          {item.label}
        </li>
      ))}
    </ul>
  );
}

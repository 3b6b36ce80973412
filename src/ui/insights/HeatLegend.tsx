import { useId } from 'react';

const TICKS = [-1, -0.5, 0, 0.5, 1] as const;
const WIDTH = 220;
const BAR = { x: 10, y: 4, width: WIDTH - 20, height: 12 } as const;

/** The colour bar from -1 (opposed) through 0 (unrelated) to 1 (aligned), with its ticks. */
export function HeatLegend() {
  const gradientId = useId();
  const xOf = (value: number) => BAR.x + ((value + 1) / 2) * BAR.width;
  return (
    <svg
      className="heat-legend"
      width={WIDTH}
      height={46}
      viewBox={`0 0 ${WIDTH} 46`}
      role="img"
      aria-label="Colour scale: orange for -1 (opposed gradients), neutral for 0, blue for 1 (aligned)"
    >
      <defs>
        <linearGradient id={gradientId} x1="0" x2="1" y1="0" y2="0">
          <stop offset="0" style={{ stopColor: 'var(--heat-neg)' }} />
          <stop offset="0.5" style={{ stopColor: 'var(--heat-mid)' }} />
          <stop offset="1" style={{ stopColor: 'var(--heat-pos)' }} />
        </linearGradient>
      </defs>
      <rect {...BAR} rx={2} fill={`url(#${gradientId})`} stroke="var(--border)" />
      {TICKS.map((tick) => (
        <g key={tick} transform={`translate(${xOf(tick)},${BAR.y + BAR.height})`}>
          <line y1={0} y2={4} stroke="var(--muted)" />
          <text y={15} textAnchor="middle">
            {tick < 0 ? `\u2212${Math.abs(tick)}` : tick}
          </text>
        </g>
      ))}
      <text x={BAR.x} y={44} className="heat-legend-end">
        opposed
      </text>
      <text x={BAR.x + BAR.width} y={44} textAnchor="end" className="heat-legend-end">
        aligned
      </text>
    </svg>
  );
}

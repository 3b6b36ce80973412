import { AREA, toViewX, toViewY, VIEW, X_TICKS, Y_TICKS } from './geometry';

function tickLabel(value: number): string {
  // A real minus sign reads better than a hyphen next to the numbers.
  return value < 0 ? `\u2212${-value}` : String(value);
}

/** Grid lines, both axes with their ticks, and the axis titles. */
export function Axes() {
  return (
    <g className="fv-axes" aria-hidden="true">
      {X_TICKS.map((x) => (
        <line
          key={`gx${x}`}
          className={x === 0 ? 'fv-grid fv-zero' : 'fv-grid'}
          x1={toViewX(x)}
          x2={toViewX(x)}
          y1={AREA.top}
          y2={AREA.bottom}
        />
      ))}
      {Y_TICKS.map((y) => (
        <line
          key={`gy${y}`}
          className={y === 0 ? 'fv-grid fv-zero' : 'fv-grid'}
          x1={AREA.left}
          x2={AREA.right}
          y1={toViewY(y)}
          y2={toViewY(y)}
        />
      ))}
      <rect
        className="fv-frame"
        x={AREA.left}
        y={AREA.top}
        width={AREA.right - AREA.left}
        height={AREA.bottom - AREA.top}
      />
      {X_TICKS.map((x) => (
        <text
          key={`lx${x}`}
          className="fv-tick"
          x={toViewX(x)}
          y={AREA.bottom + 18}
          textAnchor="middle"
        >
          {tickLabel(x)}
        </text>
      ))}
      {Y_TICKS.map((y) => (
        <text
          key={`ly${y}`}
          className="fv-tick"
          x={AREA.left - 8}
          y={toViewY(y)}
          textAnchor="end"
          dominantBaseline="middle"
        >
          {tickLabel(y)}
        </text>
      ))}
      <text
        className="fv-axis-title"
        x={(AREA.left + AREA.right) / 2}
        y={VIEW.height - 8}
        textAnchor="middle"
      >
        x (input)
      </text>
      <text
        className="fv-axis-title"
        transform={`translate(16 ${(AREA.top + AREA.bottom) / 2}) rotate(-90)`}
        textAnchor="middle"
      >
        y (output)
      </text>
    </g>
  );
}

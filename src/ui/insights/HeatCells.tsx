/**
 * The heavy part of the heatmap, which depends only on the matrix, the layout and the colours (so
 * pointing and focusing, drawn by the overlay, never redraw it). The colours are one path per
 * colour step, so a redraw changes a few dozen paths rather than restyling every cell. Above
 * them, each cell is a transparent, focusable rectangle in an ARIA grid, with the task labels as
 * row and column headers; only the first cell starts in the tab order.
 */
import { memo } from 'react';
import type { TaskRelations } from '../../core/trainer';
import { formatCosine, heatColor, heatLevel, needsStrongInk, type HeatPalette } from './heatColor';
import { VALUE_TEXT_MIN_CELL, type HeatmapLayout } from './heatmapLayout';

interface HeatCellsProps {
  readonly relations: TaskRelations;
  readonly layout: HeatmapLayout;
  readonly palette: HeatPalette;
}

function labelOf(relations: TaskRelations, i: number): string {
  return relations.labels[i] ?? `task ${i + 1}`;
}

/** Gap between cells, in pixels: the page shows through as grid lines. */
const GAP = 1;

/** One path of squares per colour step, keyed by that step. */
function colourPaths(relations: TaskRelations, layout: HeatmapLayout): Map<number, string[]> {
  const { n, cell, left, top } = layout;
  const side = Math.max(1, cell - GAP);
  const paths = new Map<number, string[]>();
  for (let r = 0; r < n; r += 1) {
    for (let c = 0; c < n; c += 1) {
      const level = heatLevel(relations.cosine[r]?.[c] ?? NaN);
      const square = `M${left + c * cell + GAP / 2},${top + r * cell + GAP / 2}h${side}v${side}h${-side}z`;
      const parts = paths.get(level);
      if (parts === undefined) paths.set(level, [square]);
      else parts.push(square);
    }
  }
  return paths;
}

export const HeatCells = memo(function HeatCells({ relations, layout, palette }: HeatCellsProps) {
  const { n, cell, left, top, fontSize } = layout;
  const indices = Array.from({ length: n }, (_, i) => i);
  const showValues = cell >= VALUE_TEXT_MIN_CELL;
  const valueAt = (r: number, c: number) => relations.cosine[r]?.[c] ?? NaN;
  return (
    <>
      <g className="heat-colours" aria-hidden="true">
        {[...colourPaths(relations, layout)].map(([level, squares]) => (
          <path key={level} d={squares.join('')} fill={heatColor(level, palette)} />
        ))}
      </g>
      {showValues && (
        <g className="heat-values" aria-hidden="true">
          {indices.flatMap((r) =>
            indices.map((c) => (
              <text
                key={`${r}-${c}`}
                className={`heat-value${needsStrongInk(valueAt(r, c)) ? ' heat-value-strong' : ''}`}
                x={left + c * cell + cell / 2}
                y={top + r * cell + cell / 2}
                dy="0.35em"
                textAnchor="middle"
              >
                {formatCosine(valueAt(r, c))}
              </text>
            )),
          )}
        </g>
      )}
      <g role="row" aria-rowindex={1}>
        {indices.map((c) => (
          <text
            key={c}
            role="columnheader"
            aria-colindex={c + 2}
            className="heat-label"
            transform={`translate(${left + c * cell + cell / 2 + fontSize / 3},${top - 6}) rotate(-55)`}
            tabIndex={-1}
            data-row={-1}
            data-col={c}
          >
            {labelOf(relations, c)}
          </text>
        ))}
      </g>
      {indices.map((r) => (
        <g key={r} role="row" aria-rowindex={r + 2}>
          <text
            role="rowheader"
            aria-colindex={1}
            className="heat-label"
            x={left - 6}
            y={top + r * cell + cell / 2}
            dy="0.35em"
            textAnchor="end"
            tabIndex={-1}
            data-row={r}
            data-col={-1}
          >
            {labelOf(relations, r)}
          </text>
          {indices.map((c) => (
            <rect
              key={c}
              role="gridcell"
              aria-colindex={c + 2}
              aria-label={`${labelOf(relations, r)} and ${labelOf(relations, c)}: ${formatCosine(valueAt(r, c))}`}
              className="heat-cell"
              data-value={valueAt(r, c)}
              data-row={r}
              data-col={c}
              tabIndex={r === 0 && c === 0 ? 0 : -1}
              x={left + c * cell}
              y={top + r * cell}
              width={cell}
              height={cell}
            />
          ))}
        </g>
      ))}
    </>
  );
});

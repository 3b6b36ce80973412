/**
 * The heatmap's drawing: an SVG grid of cosines with the task labels as row and column headers,
 * exposed as an ARIA grid. One element at a time is in the tab order (at first the first cell);
 * the arrow keys, Home and End move between cells and labels. Pointer and focus are read once for
 * the whole grid from data attributes, and what they point at is drawn by a light overlay, so a
 * 32 x 32 grid is neither given per-cell handlers nor redrawn as the pointer moves.
 */
import { useRef, type FocusEvent, type KeyboardEvent, type MouseEvent } from 'react';
import type { TaskRelations } from '../../core/trainer';
import { HeatCells } from './HeatCells';
import type { HeatPalette } from './heatColor';
import { moveFocus, type GridPosition, type HeatmapLayout } from './heatmapLayout';

interface RelationsGridProps {
  readonly relations: TaskRelations;
  readonly layout: HeatmapLayout;
  readonly palette: HeatPalette;
  readonly labelledBy: string;
  readonly describedBy: string;
  readonly active: GridPosition | null;
  readonly onActive: (position: GridPosition | null) => void;
}

function positionOf(target: EventTarget | null): GridPosition | null {
  if (!(target instanceof Element)) return null;
  const row = target.getAttribute('data-row');
  const col = target.getAttribute('data-col');
  return row === null || col === null ? null : { row: Number(row), col: Number(col) };
}

const same = (a: GridPosition | null, b: GridPosition) => a?.row === b.row && a.col === b.col;

/** Outlines of the cell pointed at or focused, and of its row and column. */
function HeatOverlay({ active, layout }: { active: GridPosition; layout: HeatmapLayout }) {
  const { n, cell, left, top } = layout;
  const { row, col } = active;
  return (
    <g className="heat-overlay" aria-hidden="true">
      {row >= 0 && (
        <rect className="heat-band" x={left} y={top + row * cell} width={n * cell} height={cell} />
      )}
      {col >= 0 && (
        <rect className="heat-band" x={left + col * cell} y={top} width={cell} height={n * cell} />
      )}
      {row >= 0 && col >= 0 && (
        <rect
          className="heat-active"
          x={left + col * cell}
          y={top + row * cell}
          width={cell}
          height={cell}
        />
      )}
    </g>
  );
}

export function RelationsGrid(props: RelationsGridProps) {
  const { relations, layout, palette, active, onActive } = props;
  const svgRef = useRef<SVGSVGElement>(null);

  const elementAt = (position: GridPosition) =>
    svgRef.current?.querySelector<SVGElement>(
      `[data-row="${position.row}"][data-col="${position.col}"]`,
    ) ?? null;

  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const from = positionOf(event.target);
    if (from === null) return;
    const next = moveFocus(from, event.key, layout.n);
    if (next === null) return;
    event.preventDefault();
    elementAt(next)?.focus();
  };
  // The tab stop moves with the focus, set on the elements themselves: doing it through React
  // would redraw every cell on every key press.
  const onFocus = (event: FocusEvent<SVGSVGElement>) => {
    const position = positionOf(event.target);
    if (position === null) return;
    for (const element of svgRef.current?.querySelectorAll('[tabindex="0"]') ?? []) {
      if (element !== event.target) element.setAttribute('tabindex', '-1');
    }
    event.target.setAttribute('tabindex', '0');
    onActive(position);
  };
  const onBlur = (event: FocusEvent<SVGSVGElement>) => {
    if (!svgRef.current?.contains(event.relatedTarget)) onActive(null);
  };
  const onMouseOver = (event: MouseEvent<SVGSVGElement>) => {
    const position = positionOf(event.target);
    if (position !== null && !same(active, position)) onActive(position);
  };

  return (
    <svg
      ref={svgRef}
      className="heatmap"
      width={layout.width}
      height={layout.height}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      role="grid"
      aria-labelledby={props.labelledBy}
      aria-describedby={props.describedBy}
      aria-rowcount={layout.n + 1}
      aria-colcount={layout.n + 1}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      onBlur={onBlur}
      onMouseOver={onMouseOver}
      onMouseLeave={() => {
        onActive(null);
      }}
      style={{ fontSize: layout.fontSize }}
    >
      <HeatCells relations={relations} layout={layout} palette={palette} />
      {active !== null && <HeatOverlay active={active} layout={layout} />}
    </svg>
  );
}

import { useId, useRef, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
import { Axes } from './Axes';
import {
  AREA,
  curvePath,
  fromView,
  GRID_X,
  pointerInView,
  toViewX,
  toViewY,
  VIEW,
} from './geometry';
import { describePoint, MAX_OWN_POINTS, type SupportPoint } from './points';

/** The two models' predictions after the step shown, and what they were made from. */
export interface ShownFits {
  readonly maml: Float32Array;
  readonly pretrained: Float32Array;
  readonly step: number;
  readonly iteration: number;
  /** How many support points the models were fine-tuned on. */
  readonly supportCount: number;
}

export interface PointEditing {
  readonly add: (x: number, y: number) => void;
  readonly move: (id: number, x: number, y: number) => void;
  readonly remove: (id: number) => void;
}

interface FunctionPlotProps {
  readonly label: string;
  readonly truth: Float32Array | null;
  readonly points: readonly SupportPoint[];
  readonly fits: ShownFits | null;
  /** Set when the user may place, drag and remove points. */
  readonly editing: PointEditing | null;
}

const KEY_STEP = 0.1;
const KEY_STEP_LARGE = 0.5;

function Curve({ model, fits }: { model: 'maml' | 'pretrained'; fits: ShownFits }) {
  const values = fits[model];
  return (
    <path
      className={`fv-curve fv-${model}`}
      d={curvePath(GRID_X, values)}
      data-model={model}
      data-step={fits.step}
      data-iteration={fits.iteration}
      data-support={fits.supportCount}
      data-points={values.length}
    />
  );
}

/** The task's plot: axes, true function, support points and both models' fits. */
export function FunctionPlot({ label, truth, points, fits, editing }: FunctionPlotProps) {
  const svg = useRef<SVGSVGElement>(null);
  const dragging = useRef<number | null>(null);
  const ids = useId();
  const clipId = `${ids}clip`;
  const hintId = `${ids}hint`;

  const dataPoint = (event: { readonly clientX: number; readonly clientY: number }) => {
    const view = svg.current && pointerInView(svg.current, event.clientX, event.clientY);
    return view ? fromView(view.x, view.y) : null;
  };

  const onAreaClick = (event: MouseEvent<SVGRectElement>) => {
    if (editing === null || points.length >= MAX_OWN_POINTS) return;
    const point = dataPoint(event);
    if (point) editing.add(point.x, point.y);
  };

  const onPointDown = (event: PointerEvent<SVGGElement>, id: number) => {
    if (editing === null || event.button !== 0) return;
    if (event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) {
      event.preventDefault();
      editing.remove(id);
      return;
    }
    event.currentTarget.setPointerCapture(event.pointerId);
    dragging.current = id;
  };

  const onPointMove = (event: PointerEvent<SVGGElement>, id: number) => {
    if (editing === null || dragging.current !== id) return;
    const point = dataPoint(event);
    if (point) editing.move(id, point.x, point.y);
  };

  const onPointKey = (event: KeyboardEvent<SVGGElement>, point: SupportPoint) => {
    if (editing === null) return;
    const step = event.shiftKey ? KEY_STEP_LARGE : KEY_STEP;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, step],
      ArrowDown: [0, -step],
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      editing.move(point.id, point.x + move[0], point.y + move[1]);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      // Focus stays among the points (or on the plot) instead of falling back to the page.
      const here = event.currentTarget;
      const next = here.nextElementSibling ?? here.previousElementSibling;
      if (next instanceof SVGGElement) next.focus();
      else svg.current?.focus();
      editing.remove(point.id);
    }
  };

  return (
    <svg
      ref={svg}
      className={editing ? 'fv-plot fv-editable' : 'fv-plot'}
      viewBox={`0 0 ${VIEW.width} ${VIEW.height}`}
      role="group"
      aria-label={label}
      tabIndex={-1}
    >
      <defs>
        <clipPath id={clipId}>
          <rect
            x={AREA.left}
            y={AREA.top}
            width={AREA.right - AREA.left}
            height={AREA.bottom - AREA.top}
          />
        </clipPath>
      </defs>
      <Axes />
      <rect
        className="fv-area"
        x={AREA.left}
        y={AREA.top}
        width={AREA.right - AREA.left}
        height={AREA.bottom - AREA.top}
        onClick={onAreaClick}
      />
      <g clipPath={`url(#${clipId})`} aria-hidden="true">
        {truth && <path className="fv-curve fv-truth" d={curvePath(GRID_X, truth)} />}
        {fits && <Curve model="pretrained" fits={fits} />}
        {fits && <Curve model="maml" fits={fits} />}
      </g>
      {editing && points.length === 0 && (
        <text
          className="fv-empty"
          x={(AREA.left + AREA.right) / 2}
          y={AREA.top + 28}
          textAnchor="middle"
          aria-hidden="true"
        >
          Click to place points
        </text>
      )}
      <text id={hintId} className="fv-hidden-text">
        Arrow keys move the point by {KEY_STEP} (with Shift, {KEY_STEP_LARGE}); Delete removes it.
      </text>
      <g className="fv-points">
        {points.map((point, index) =>
          editing ? (
            <g
              key={point.id}
              className="fv-point"
              role="button"
              tabIndex={0}
              aria-roledescription="movable point"
              aria-label={`Point ${index + 1}: ${describePoint(point)}`}
              aria-describedby={hintId}
              aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown Delete Backspace"
              data-x={point.x}
              data-y={point.y}
              onPointerDown={(event) => {
                onPointDown(event, point.id);
              }}
              onPointerMove={(event) => {
                onPointMove(event, point.id);
              }}
              onPointerUp={() => {
                dragging.current = null;
              }}
              onPointerCancel={() => {
                dragging.current = null;
              }}
              onKeyDown={(event) => {
                onPointKey(event, point);
              }}
            >
              <circle className="fv-point-hit" cx={toViewX(point.x)} cy={toViewY(point.y)} r={16} />
              <circle
                className="fv-point-ring"
                cx={toViewX(point.x)}
                cy={toViewY(point.y)}
                r={11}
              />
              <circle
                className="fv-point-dot"
                cx={toViewX(point.x)}
                cy={toViewY(point.y)}
                r={6.5}
              />
            </g>
          ) : (
            <circle
              key={point.id}
              className="fv-point-dot"
              cx={toViewX(point.x)}
              cy={toViewY(point.y)}
              r={5.5}
              aria-hidden="true"
            />
          ),
        )}
      </g>
    </svg>
  );
}

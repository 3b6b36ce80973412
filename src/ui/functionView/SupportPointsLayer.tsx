import {
  memo,
  useContext,
  useMemo,
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent,
} from 'react';
import {
  usePlotArea,
  useXAxisInverseScale,
  useXAxisScale,
  useYAxisInverseScale,
  useYAxisScale,
  ZIndexLayer,
} from 'recharts';
import { pointKeyAction } from './pointKeys';
import { describePoint, MAX_OWN_POINTS, type SupportPoint } from './points';
import { PointsContext, type PointEditing } from './pointsContext';

/** Above recharts' lines (400) and axes (500), so the points are drawn, and hit, on top. */
const POINTS_Z_INDEX = 700;

/** The data point under a pointer, from the chart's own scales; null before they exist. */
type ToData = (
  element: SVGGraphicsElement,
  clientX: number,
  clientY: number,
) => { x: number; y: number } | null;

function useToData(): ToData | null {
  const invertX = useXAxisInverseScale();
  const invertY = useYAxisInverseScale();
  return useMemo(() => {
    if (invertX === undefined || invertY === undefined) return null;
    return (element, clientX, clientY) => {
      // The scales work in the chart svg's own coordinates, whatever CSS does to the page.
      const matrix = element.ownerSVGElement?.getScreenCTM();
      if (matrix == null) return null;
      const at = new DOMPoint(clientX, clientY).matrixTransform(matrix.inverse());
      const x = Number(invertX(at.x));
      const y = Number(invertY(at.y));
      return Number.isFinite(x) && Number.isFinite(y) ? { x, y } : null;
    };
  }, [invertX, invertY]);
}

interface PointMarkProps {
  readonly point: SupportPoint;
  readonly index: number;
  readonly cx: number;
  readonly cy: number;
  readonly editing: PointEditing;
  readonly toData: ToData;
  readonly hintId: string;
}

/**
 * One point the user can drag, move with the arrow keys, and remove. Memoised: a drag re-renders
 * only the point moved.
 */
const PointMark = memo(function PointMark({
  point,
  index,
  cx,
  cy,
  editing,
  toData,
  hintId,
}: PointMarkProps) {
  const onPointerDown = (event: PointerEvent<SVGGElement>) => {
    if (event.button !== 0) return;
    if (event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) {
      event.preventDefault();
      editing.remove(point.id);
      return;
    }
    event.currentTarget.setPointerCapture(event.pointerId);
  };

  // Pointer capture makes this element the target of every move until the button is released.
  const onPointerMove = (event: PointerEvent<SVGGElement>) => {
    if (!event.currentTarget.hasPointerCapture(event.pointerId)) return;
    const at = toData(event.currentTarget, event.clientX, event.clientY);
    if (at !== null) editing.move(point.id, at.x, at.y);
  };

  const onKeyDown = (event: KeyboardEvent<SVGGElement>) => {
    const action = pointKeyAction(event.key, event.shiftKey);
    if (action === null) return;
    event.preventDefault();
    if (action.kind === 'move') {
      editing.move(point.id, point.x + action.dx, point.y + action.dy);
      return;
    }
    // Focus stays among the points (or on the plot) instead of falling back to the page.
    const here = event.currentTarget;
    const next = here.nextElementSibling ?? here.previousElementSibling;
    if (next instanceof SVGGElement) next.focus();
    else here.ownerSVGElement?.focus();
    editing.remove(point.id);
  };

  return (
    <g
      className="fnv-point"
      role="button"
      tabIndex={0}
      aria-roledescription="movable point"
      aria-label={`Point ${index + 1}: ${describePoint(point)}`}
      aria-describedby={hintId}
      aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown Delete Backspace"
      data-x={point.x}
      data-y={point.y}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onKeyDown={onKeyDown}
    >
      <circle className="fnv-point-hit" cx={cx} cy={cy} r={16} />
      <circle className="fnv-point-ring" cx={cx} cy={cy} r={10} />
      <circle className="fnv-point-dot" cx={cx} cy={cy} r={6} />
    </g>
  );
});

function round(pixels: number | undefined): number {
  return Math.round((pixels ?? 0) * 10) / 10;
}

/**
 * The support points, drawn inside the recharts chart at its scales' positions. When editing,
 * also the surface that takes clicks on empty plot (a new point there) and the points' handles.
 */
export function SupportPointsLayer() {
  const state = useContext(PointsContext);
  const area = usePlotArea();
  const scaleX = useXAxisScale();
  const scaleY = useYAxisScale();
  const toData = useToData();
  if (state === null || area === undefined || scaleX === undefined || scaleY === undefined) {
    return null;
  }
  const { points, editing, hintId } = state;

  const onAreaClick = (event: MouseEvent<SVGRectElement>) => {
    if (editing === null || toData === null || points.length >= MAX_OWN_POINTS) return;
    const at = toData(event.currentTarget, event.clientX, event.clientY);
    if (at !== null) editing.add(at.x, at.y);
  };

  return (
    <ZIndexLayer zIndex={POINTS_Z_INDEX}>
      {editing !== null && (
        <rect
          className="fnv-area"
          x={area.x}
          y={area.y}
          width={area.width}
          height={area.height}
          onClick={onAreaClick}
        />
      )}
      {editing !== null && points.length === 0 && (
        <text
          className="fnv-empty"
          x={area.x + area.width / 2}
          y={area.y + 24}
          textAnchor="middle"
          aria-hidden="true"
        >
          Click to place points
        </text>
      )}
      <g className="fnv-points">
        {points.map((point, index) =>
          editing !== null && toData !== null ? (
            <PointMark
              key={point.id}
              point={point}
              index={index}
              cx={round(scaleX(point.x))}
              cy={round(scaleY(point.y))}
              editing={editing}
              toData={toData}
              hintId={hintId}
            />
          ) : (
            <circle
              key={point.id}
              className="fnv-point-dot"
              cx={round(scaleX(point.x))}
              cy={round(scaleY(point.y))}
              r={5.5}
              aria-hidden="true"
            />
          ),
        )}
      </g>
    </ZIndexLayer>
  );
}

/**
 * What the parameter-space view draws, as plain numbers: the plane's window and ticks, the mean
 * loss's contours, and the mean query loss one step from the lead learner's and from the
 * pretrained baseline's initialisation (the view's summary says both).
 */
import { lineContour, lineLoss, meanMoments, type LineMoments } from '../../core/math/linePlane';
import type {
  ParameterPlane,
  PlanePoint,
  PlaneTask,
} from '../../core/trainer/regression/parameterPlane';

export interface PlaneWindow {
  readonly w: readonly [number, number];
  readonly b: readonly [number, number];
  readonly wTicks: readonly number[];
  readonly bTicks: readonly number[];
}

/** The mean loss's levels drawn, as fractions of the way from its minimum to the window's corners. */
const LEVELS = [0.02, 0.06, 0.14, 0.28, 0.5];

function ticks([low, high]: readonly [number, number], step: number): number[] {
  const out: number[] = [];
  for (let v = Math.ceil(low / step) * step; v <= high + 1e-9; v += step) {
    out.push(Math.round(v / step) * step);
  }
  return out;
}

/** A window around every point given, on half units so it steps rather than jitters. */
export function planeWindow(points: readonly PlanePoint[]): PlaneWindow {
  const finite = points.filter((p) => Number.isFinite(p.w) && Number.isFinite(p.b));
  const span = (pick: (p: PlanePoint) => number): [number, number] => {
    if (finite.length === 0) return [-1, 1];
    const values = finite.map(pick);
    const low = Math.min(...values);
    const high = Math.max(...values);
    const pad = Math.max(0.25, 0.08 * (high - low));
    return [Math.floor((low - pad) * 2) / 2, Math.ceil((high + pad) * 2) / 2];
  };
  const w = span((p) => p.w);
  const b = span((p) => p.b);
  const step = (r: readonly [number, number]) => (r[1] - r[0] > 6 ? 1 : 0.5);
  return { w, b, wTicks: ticks(w, step(w)), bTicks: ticks(b, step(b)) };
}

/** The held-out tasks' mean query loss as one quadratic. */
export function meanLoss(plane: ParameterPlane): LineMoments {
  return meanMoments(plane.tasks.map((task) => task.query));
}

/** Contour ellipses of the mean loss inside the window, lowest level first. */
export function contours(plane: ParameterPlane, window: PlaneWindow): PlanePoint[][] {
  const mean = meanLoss(plane);
  const corners = [
    lineLoss(mean, window.w[0], window.b[0]),
    lineLoss(mean, window.w[0], window.b[1]),
    lineLoss(mean, window.w[1], window.b[0]),
    lineLoss(mean, window.w[1], window.b[1]),
  ];
  const high = Math.max(...corners);
  const floor = minimum(mean);
  return LEVELS.map((f) => lineContour(mean, floor + f * (high - floor), 72)).filter(
    (c) => c.length > 0,
  );
}

function minimum(m: LineMoments): number {
  const det = m.xx - m.x * m.x;
  if (!(det > 1e-12)) return 0;
  const w = (m.xy - m.x * m.y) / det;
  return lineLoss(m, w, m.y - w * m.x);
}

/** Mean over the tasks of the query loss at each task's point `pick` (null when any is missing). */
function meanStepLoss(
  tasks: readonly PlaneTask[],
  pick: (task: PlaneTask) => PlanePoint | null,
): number | null {
  if (tasks.length === 0) return null;
  let sum = 0;
  for (const task of tasks) {
    const point = pick(task);
    if (point === null) return null;
    sum += lineLoss(task.query, point.w, point.b);
  }
  return sum / tasks.length;
}

/** The tasks' points one inner step from one initialisation (those given) and their mean query loss. */
export function stepsFrom(
  tasks: readonly PlaneTask[],
  pick: (task: PlaneTask) => PlanePoint | null,
): { readonly points: PlanePoint[]; readonly meanLoss: number | null } {
  const points = tasks.flatMap((task) => {
    const point = pick(task);
    return point ? [point] : [];
  });
  return { points, meanLoss: meanStepLoss(tasks, pick) };
}

/** The models' paths on the plane, kept by the page from the worker's pictures. */
import type { ParameterPlane, PlanePoint } from '../../core/trainer/regression/parameterPlane';

/** Points kept of each model's path; older ones are thinned, so a long run keeps its start. */
export const TRAJECTORY_POINTS = 200;

/** A path with one more point, at most TRAJECTORY_POINTS long: every other old point goes. */
export function extendPath(path: readonly PlanePoint[], point: PlanePoint): PlanePoint[] {
  const next = [...path, point];
  if (next.length <= TRAJECTORY_POINTS) return next;
  // Keep the start and the latest half; thin what lies between.
  const half = Math.floor(TRAJECTORY_POINTS / 2);
  const old = next.slice(0, next.length - half).filter((_, i) => i % 2 === 0);
  return [...old, ...next.slice(next.length - half)];
}

/**
 * The paths after a picture, each from its model's start: a picture of an earlier iteration (a
 * reset) starts them over.
 */
export function addPicture(
  paths: ReadonlyMap<string, readonly PlanePoint[]>,
  previous: ParameterPlane | null,
  plane: ParameterPlane,
): Map<string, readonly PlanePoint[]> {
  const restart = previous !== null && plane.iteration < previous.iteration;
  const next = new Map<string, readonly PlanePoint[]>();
  for (const model of plane.models) {
    // Every path starts where its model did, though the view may open later.
    const path = restart ? [model.start] : (paths.get(model.id) ?? [model.start]);
    const last = path.at(-1);
    const point = { w: model.w, b: model.b };
    next.set(
      model.id,
      last && last.w === point.w && last.b === point.b ? path : extendPath(path, point),
    );
  }
  return next;
}

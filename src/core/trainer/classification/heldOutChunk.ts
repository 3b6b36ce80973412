/**
 * How many held-out tasks are drawn and scored at a time. A chunk's images live in plain arrays
 * while every model scores it, so a chunk is sized by their bytes: 20 tasks at most, fewer when
 * the tasks are large (20 ways of 1,000 queries at 64x64 pixels are 328 MB a task).
 */
const BYTES_PER_PIXEL = 4;
export const MAX_HELD_OUT_CHUNK_TASKS = 20;
/** The images of one held-out chunk, at most. */
export const HELD_OUT_CHUNK_BYTES = 64 * 2 ** 20;

export interface HeldOutShape {
  readonly ways: number;
  readonly shots: number;
  /** Queries per class. */
  readonly queries: number;
  readonly imageSize: number;
}

/** Bytes of one held-out task's images, support and query. */
export function heldOutTaskBytes(shape: HeldOutShape): number {
  return BYTES_PER_PIXEL * shape.ways * (shape.shots + shape.queries) * shape.imageSize ** 2;
}

/** Tasks per held-out chunk: as many as fit the chunk's bytes, at least one, at most 20. */
export function heldOutChunkTasks(shape: HeldOutShape): number {
  const fit = Math.floor(HELD_OUT_CHUNK_BYTES / heldOutTaskBytes(shape));
  return Math.min(MAX_HELD_OUT_CHUNK_TASKS, Math.max(1, fit));
}

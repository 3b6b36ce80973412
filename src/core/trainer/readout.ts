/** Reading a model's share of the iteration's one flat readout. */

/** Consecutive arrays of the given shapes from `flat`, starting at `offset` (views, not copies). */
export function splitFlat(
  flat: Float32Array,
  offset: number,
  shapes: readonly number[][],
): Float32Array[] {
  let at = offset;
  return shapes.map((shape) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const part = flat.subarray(at, at + size);
    at += size;
    return part;
  });
}

/**
 * Cosine similarity of every pair of vectors (tasks' gradients), in float64, clamped to [-1, 1]
 * against rounding. A zero vector, a task with nothing to learn from or whose units are all dead,
 * points nowhere: 0 against the others, 1 with itself.
 */
export function cosineMatrix(vectors: readonly ArrayLike<number>[]): number[][] {
  const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
    let sum = 0;
    for (let k = 0; k < a.length; k++) sum += a[k]! * b[k]!;
    return sum;
  };
  const norms = vectors.map((v) => Math.sqrt(dot(v, v)));
  return vectors.map((a, i) =>
    vectors.map((b, j) => {
      if (i === j) return 1;
      const scale = norms[i]! * norms[j]!;
      return scale > 0 ? Math.max(-1, Math.min(1, dot(a, b) / scale)) : 0;
    }),
  );
}

/** The rows of a row-major [count, width] matrix, as views into it (nothing copied). */
export function matrixRows(flat: Float32Array, count: number): Float32Array[] {
  const width = flat.length / count;
  return Array.from({ length: count }, (_, r) => flat.subarray(r * width, (r + 1) * width));
}

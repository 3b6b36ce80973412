/** What the sinusoid session shows of a learner's inside: how its tasks' gradients relate. */

/**
 * Cosine similarity between the rows of a row-major [tasks, size] matrix, in float64. A task whose
 * direction is zero (nothing to learn from it) is unrelated to every other: cosine 0, diagonal 1.
 */
export function cosineMatrix(rows: ArrayLike<number>, tasks: number): number[][] {
  const size = rows.length / tasks;
  const dot = (i: number, j: number): number => {
    let sum = 0;
    for (let k = 0; k < size; k++) sum += rows[i * size + k]! * rows[j * size + k]!;
    return sum;
  };
  const norms = Array.from({ length: tasks }, (_, t) => Math.sqrt(dot(t, t)));
  return Array.from({ length: tasks }, (_, i) =>
    Array.from({ length: tasks }, (_, j) => {
      if (i === j) return 1;
      const scale = norms[i]! * norms[j]!;
      return scale > 0 ? Math.max(-1, Math.min(1, dot(i, j) / scale)) : 0;
    }),
  );
}

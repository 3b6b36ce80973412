/**
 * How much tensor memory held-out regression evaluation takes per task, and so how many tasks
 * it adapts together. Each task holds its own copy of the weights (with its gradient and the
 * step's intermediates) and every layer's activations for its support and query points; the
 * coefficients are fitted to tf.profile's peak bytes on WASM over 29 settings (default network,
 * wide, deep, 1 to 1,024 units, 10 to 1,100 points), which they match within 3%.
 */
const BYTES_PER_FLOAT = 4;
/** Tensors of an activation's size alive at a step's peak (forward, backward, step). */
const ACTIVATION_COPIES = 5.94;
/** Tensors of the weights' size alive at a step's peak (weights, gradient, next weights). */
const WEIGHT_COPIES = 5.06;

/** Tensor bytes one task needs while it is adapted: `widths` input to output, `points` in all. */
export function evaluationBytesPerTask(widths: readonly number[], points: number): number {
  let units = 0;
  let weights = 0;
  widths.forEach((width, layer) => {
    units += width;
    if (layer > 0) weights += (widths[layer - 1]! + 1) * width;
  });
  return BYTES_PER_FLOAT * (ACTIVATION_COPIES * points * units + WEIGHT_COPIES * weights);
}

/** The most tasks adapted together, where a chunk fits its budget. */
export const MAX_TASKS_PER_CHUNK = 100;
/** Tensor bytes one chunk of held-out tasks may take: wide networks adapt fewer tasks at once. */
export const EVALUATION_CHUNK_BYTES = 256 * 2 ** 20;

/** Tasks adapted together: as many as fit the chunk budget, at least one, at most 100. */
export function evaluationTasksPerChunk(widths: readonly number[], points: number): number {
  const fit = Math.floor(EVALUATION_CHUNK_BYTES / evaluationBytesPerTask(widths, points));
  return Math.min(MAX_TASKS_PER_CHUNK, Math.max(1, fit));
}

/**
 * Rotates a square image by quarter turns counter-clockwise, as Santoro et al. 2016 and the MAML
 * paper do to turn each Omniglot character into four classes.
 */
export function rotateQuarterTurns(
  src: Float32Array,
  srcOffset: number,
  size: number,
  turns: number,
  out: Float32Array,
  outOffset: number,
): void {
  const q = ((turns % 4) + 4) % 4;
  const last = size - 1;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Which source pixel lands at (y, x): 90 degrees counter-clockwise moves the top-right
      // corner to the top-left.
      const sy = q === 0 ? y : q === 1 ? x : q === 2 ? last - y : last - x;
      const sx = q === 0 ? x : q === 1 ? last - y : q === 2 ? last - x : y;
      out[outOffset + y * size + x] = src[srcOffset + sy * size + sx]!;
    }
  }
}

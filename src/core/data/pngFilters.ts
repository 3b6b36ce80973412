import { DataError } from './errors';

/**
 * Undoes PNG's per-row filters in place (PNG spec, section 9). `data` is the inflated image: each
 * row is one filter-type byte followed by `stride` bytes. `bpp` is the distance to the
 * corresponding byte of the pixel to the left, at least 1 for bit depths below 8.
 * Uint8Array stores wrap modulo 256, which is exactly the spec's arithmetic.
 */
export function unfilter(data: Uint8Array, height: number, stride: number, bpp: number): void {
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1) + 1;
    // The row above; on the first row the spec treats it as zeros.
    const up = y === 0 ? -1 : row - stride - 1;
    const type = data[row - 1]!;
    switch (type) {
      case 0:
        break;
      case 1:
        for (let i = bpp; i < stride; i++) data[row + i] = data[row + i]! + data[row + i - bpp]!;
        break;
      case 2:
        if (up >= 0)
          for (let i = 0; i < stride; i++) data[row + i] = data[row + i]! + data[up + i]!;
        break;
      case 3:
        for (let i = 0; i < stride; i++) {
          const left = i >= bpp ? data[row + i - bpp]! : 0;
          const above = up >= 0 ? data[up + i]! : 0;
          data[row + i] = data[row + i]! + ((left + above) >>> 1);
        }
        break;
      case 4:
        for (let i = 0; i < stride; i++) {
          const left = i >= bpp ? data[row + i - bpp]! : 0;
          const above = up >= 0 ? data[up + i]! : 0;
          const corner = up >= 0 && i >= bpp ? data[up + i - bpp]! : 0;
          data[row + i] = data[row + i]! + paeth(left, above, corner);
        }
        break;
      default:
        throw new DataError(
          `row ${y + 1} of the image says it uses filter type ${type}, but PNG only has types 0 to 4: the file is damaged`,
        );
    }
  }
}

/** The Paeth predictor: whichever neighbour is closest to left + above - corner, ties in that order. */
function paeth(left: number, above: number, corner: number): number {
  const estimate = left + above - corner;
  const toLeft = Math.abs(estimate - left);
  const toAbove = Math.abs(estimate - above);
  const toCorner = Math.abs(estimate - corner);
  if (toLeft <= toAbove && toLeft <= toCorner) return left;
  return toAbove <= toCorner ? above : corner;
}

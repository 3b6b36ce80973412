import type { DecodedPng } from 'fast-png';
import { DataError } from './errors';

/** The IHDR fields that decide how fast-png's samples read; its result does not carry them. */
export interface PngHeader {
  readonly bitDepth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA. */
  readonly colourType: number;
}

/** ITU-R BT.601 luma weights, the usual choice when turning colour into greyscale. */
const LUMA = [0.299, 0.587, 0.114] as const;

/**
 * Luminance in [0, 1] of every pixel of fast-png's output. Transparent pixels are laid on white,
 * like ink on paper, so dark strokes on a transparent background still read as dark strokes.
 */
export function toGrey(png: DecodedPng, header: PngHeader): Float32Array {
  const { width, height, data: s } = png;
  const { bitDepth, colourType } = header;
  const max = 2 ** bitDepth - 1;
  const grey = new Float32Array(width * height);
  if (colourType === 3 || (colourType === 0 && bitDepth <= 8)) {
    const table = colourType === 3 ? paletteTable(png, bitDepth) : greyLevels(png, bitDepth);
    lookUp(png, bitDepth, table, grey);
  } else if (colourType === 0) {
    const key = transparentKey(png, 1)?.[0] ?? -1;
    for (let p = 0; p < grey.length; p++) grey[p] = s[p] === key ? 1 : s[p]! / max;
  } else if (colourType === 2) {
    const key = transparentKey(png, 3);
    for (let p = 0, i = 0; p < grey.length; p++, i += 3) {
      const clear = key !== null && s[i] === key[0] && s[i + 1] === key[1] && s[i + 2] === key[2];
      grey[p] = clear ? 1 : luma(s[i]!, s[i + 1]!, s[i + 2]!) / max;
    }
  } else {
    // Grey + alpha (4) or RGBA (6): alpha last.
    const n = colourType === 4 ? 2 : 4;
    for (let p = 0, i = 0; p < grey.length; p++, i += n) {
      const lum = n === 2 ? s[i]! : luma(s[i]!, s[i + 1]!, s[i + 2]!);
      const alpha = s[i + n - 1]! / max;
      grey[p] = (alpha * lum) / max + 1 - alpha;
    }
  }
  return grey;
}

/**
 * Writes table[sample] for every pixel of a one-channel image of at most 8 bits. fast-png leaves
 * rows of 1-, 2- and 4-bit samples packed, from each byte's high bits; 8-bit ones are one a byte.
 */
function lookUp(png: DecodedPng, bitDepth: number, table: Float32Array, grey: Float32Array): void {
  const { width, height, data } = png;
  const stride = Math.ceil((width * bitDepth) / 8);
  const mask = (1 << bitDepth) - 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0, at = y * stride; x < width; at++) {
      const byte = data[at]!;
      for (let shift = 8 - bitDepth; shift >= 0 && x < width; shift -= bitDepth, x++) {
        const v = table[(byte >>> shift) & mask];
        if (v === undefined) {
          throw new DataError(
            `pixel (${x}, ${y}) uses palette entry ${(byte >>> shift) & mask}, but the palette ` +
              `has only ${table.length} entries`,
          );
        }
        grey[y * width + x] = v;
      }
    }
  }
}

/** Luminance of every grey level, with the tRNS level (if any) made white. */
function greyLevels(png: DecodedPng, bitDepth: number): Float32Array {
  const max = 2 ** bitDepth - 1;
  const levels = Float32Array.from({ length: max + 1 }, (_, v) => v / max);
  const key = transparentKey(png, 1)?.[0];
  if (key !== undefined && key <= max) levels[key] = 1;
  return levels;
}

function luma(r: number, g: number, b: number): number {
  return LUMA[0] * r + LUMA[1] * g + LUMA[2] * b;
}

/** Luminance of every palette entry, laid on white by its tRNS alpha (opaque when absent). */
function paletteTable(png: DecodedPng, bitDepth: number): Float32Array {
  const { palette } = png;
  if (!palette) throw new DataError('the image uses a palette but has no PLTE chunk to define it');
  if (palette.length > 2 ** bitDepth) {
    throw new DataError(
      `the palette has ${palette.length} entries, more than a ${bitDepth}-bit index can address`,
    );
  }
  return Float32Array.from(palette, ([r = 0, g = 0, b = 0, a = 255]) => {
    const alpha = a / 255;
    return (alpha * luma(r, g, b)) / 255 + 1 - alpha;
  });
}

/** The transparent grey level or RGB colour a tRNS chunk names for colour types 0 and 2. */
function transparentKey(png: DecodedPng, count: number): Uint16Array | null {
  const key = png.transparency;
  if (!key) return null;
  if (key.length !== count) {
    throw new DataError(
      `the tRNS chunk holds ${2 * key.length} bytes where this colour type needs ${2 * count}`,
    );
  }
  return key;
}

import { DataError } from './errors';

/** The image header fields that decide how pixel bytes are read. */
export interface PngLayout {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA. */
  readonly colourType: number;
}

/** Palette entries and the optional tRNS chunk, raw as stored. */
export interface PngColours {
  /** RGB triples from PLTE, or null. */
  readonly palette: Uint8Array | null;
  /** tRNS contents, or null. */
  readonly transparency: Uint8Array | null;
}

export const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** ITU-R BT.601 luma weights, the usual choice when turning colour into greyscale. */
const LUMA = [0.299, 0.587, 0.114] as const;

/** Bytes in one row of pixels, without the filter byte. */
export function rowBytes(layout: PngLayout): number {
  return Math.ceil((layout.width * CHANNELS[layout.colourType]! * layout.bitDepth) / 8);
}

/**
 * Luminance in [0, 1] of every pixel of an unfiltered image (filter bytes still in place).
 * Transparent pixels are laid on white, like ink on paper, so dark strokes on a transparent
 * background still read as dark strokes.
 */
export function toGrey(layout: PngLayout, data: Uint8Array, colours: PngColours): Float32Array {
  const { width, height, bitDepth, colourType } = layout;
  const channels = CHANNELS[colourType]!;
  const stride = rowBytes(layout);
  const grey = new Float32Array(width * height);
  const max = 2 ** bitDepth - 1;
  // Grey and palette samples of at most 8 bits go through a lookup table of every possible value.
  const table =
    colourType === 3
      ? paletteTable(colours, bitDepth)
      : colourType === 0 && bitDepth <= 8
        ? greyLevels(bitDepth, colours)
        : null;
  const key = transparentKey(colourType, colours.transparency, bitDepth);
  const samples = new Uint16Array(width * channels);

  for (let y = 0; y < height; y++) {
    unpackRow(data, y * (stride + 1) + 1, bitDepth, samples);
    const at = y * width;
    if (table) {
      for (let x = 0; x < width; x++) {
        const v = table[samples[x]!];
        if (v === undefined) {
          throw new DataError(
            `pixel (${x}, ${y}) uses palette entry ${samples[x]}, but the palette has only ${table.length} entries`,
          );
        }
        grey[at + x] = v;
      }
    } else if (colourType === 0) {
      for (let x = 0; x < width; x++) {
        const v = samples[x]!;
        grey[at + x] = v === key?.[0] ? 1 : v / max;
      }
    } else if (colourType === 2) {
      for (let x = 0, s = 0; x < width; x++, s += 3) {
        const [r, g, b] = [samples[s]!, samples[s + 1]!, samples[s + 2]!];
        const clear = key !== null && r === key[0] && g === key[1] && b === key[2];
        grey[at + x] = clear ? 1 : luma(r, g, b) / max;
      }
    } else {
      // Grey + alpha (4) or RGBA (6): alpha last.
      for (let x = 0, s = 0; x < width; x++, s += channels) {
        const lum =
          colourType === 4 ? samples[s]! : luma(samples[s]!, samples[s + 1]!, samples[s + 2]!);
        const alpha = samples[s + channels - 1]! / max;
        grey[at + x] = (alpha * lum) / max + (1 - alpha);
      }
    }
  }
  return grey;
}

/** The samples of one row, left to right, unpacked from 1-, 2-, 4-, 8- or 16-bit fields. */
function unpackRow(data: Uint8Array, start: number, bitDepth: number, out: Uint16Array): void {
  const n = out.length;
  if (bitDepth === 8) {
    out.set(data.subarray(start, start + n));
  } else if (bitDepth === 16) {
    for (let i = 0; i < n; i++) out[i] = (data[start + 2 * i]! << 8) | data[start + 2 * i + 1]!;
  } else {
    // Fields are packed from the most significant bit of each byte.
    const mask = (1 << bitDepth) - 1;
    for (let i = 0, at = start; i < n; at++) {
      const byte = data[at]!;
      for (let shift = 8 - bitDepth; shift >= 0 && i < n; shift -= bitDepth) {
        out[i++] = (byte >>> shift) & mask;
      }
    }
  }
}

function luma(r: number, g: number, b: number): number {
  return LUMA[0] * r + LUMA[1] * g + LUMA[2] * b;
}

/** Luminance of every grey level, with the tRNS level (if any) made white. */
function greyLevels(bitDepth: number, colours: PngColours): Float32Array {
  const max = 2 ** bitDepth - 1;
  const levels = Float32Array.from({ length: max + 1 }, (_, v) => v / max);
  const key = transparentKey(0, colours.transparency, bitDepth);
  if (key && key[0]! <= max) levels[key[0]!] = 1;
  return levels;
}

/** Luminance of every palette entry, laid on white by its tRNS alpha (opaque when absent). */
function paletteTable(colours: PngColours, bitDepth: number): Float32Array {
  const { palette, transparency } = colours;
  if (!palette) throw new DataError('the image uses a palette but has no PLTE chunk to define it');
  const entries = palette.length / 3;
  if (entries > 2 ** bitDepth) {
    throw new DataError(
      `the palette has ${entries} entries, more than a ${bitDepth}-bit index can address`,
    );
  }
  const table = new Float32Array(entries);
  for (let i = 0; i < entries; i++) {
    const lum = luma(palette[3 * i]!, palette[3 * i + 1]!, palette[3 * i + 2]!) / 255;
    const alpha = transparency && i < transparency.length ? transparency[i]! / 255 : 1;
    table[i] = alpha * lum + (1 - alpha);
  }
  return table;
}

/** The single transparent grey level or RGB colour tRNS names for colour types 0 and 2. */
function transparentKey(
  colourType: number,
  transparency: Uint8Array | null,
  bitDepth: number,
): number[] | null {
  const count = colourType === 0 ? 1 : colourType === 2 ? 3 : 0;
  if (!transparency || count === 0) return null;
  if (transparency.length !== 2 * count) {
    throw new DataError(
      `the tRNS chunk holds ${transparency.length} bytes where this colour type needs ${2 * count}`,
    );
  }
  const mask = 2 ** bitDepth - 1;
  return Array.from(
    { length: count },
    (_, i) => ((transparency[2 * i]! << 8) | transparency[2 * i + 1]!) & mask,
  );
}

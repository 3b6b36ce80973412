/**
 * Interlaced (Adam7) PNGs at 8 or 16 bits a sample, for tests: the seven passes of the PNG spec
 * (section 8.2), each a small image whose rows are filtered on their own, cycling through the
 * five filters; written independently of the decoders under test.
 */
import { zlibSync } from 'fflate';
import { chunk, concat, CHANNELS, type ColourType } from './imageFixtures';

/** Each pass's first column and row and its steps across and down. */
const PASSES = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

export interface Adam7Spec {
  readonly width: number;
  readonly height: number;
  readonly colourType: ColourType;
  readonly bitDepth: 8 | 16;
  /** Row-major samples, channels interleaved. */
  readonly samples: ArrayLike<number>;
}

export function encodeAdam7Png(spec: Adam7Spec): Uint8Array {
  const { width, height, colourType, bitDepth } = spec;
  const channels = CHANNELS[colourType];
  const pixelBytes = (channels * bitDepth) / 8;
  const pixel = (x: number, y: number): number[] =>
    Array.from(
      { length: channels },
      (_, c) => spec.samples[(y * width + x) * channels + c]!,
    ).flatMap((v) => (bitDepth === 16 ? [v >> 8, v & 255] : [v]));
  const rows: number[] = [];
  let filter = 0;
  for (const [x0, y0, dx, dy] of PASSES) {
    let above: number[] | null = null;
    for (let y = y0; y < height; y += dy) {
      const line: number[] = [];
      for (let x = x0; x < width; x += dx) line.push(...pixel(x, y));
      if (line.length === 0) break;
      const previous = above ?? new Array<number>(line.length).fill(0);
      rows.push(
        filter,
        ...line.map((v, i) => (v - predict(filter, line, previous, i, pixelBytes) + 256) % 256),
      );
      above = line;
      filter = (filter + 1) % 5;
    }
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([bitDepth, colourType, 0, 0, 1], 8);
  return concat([
    Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', zlibSync(Uint8Array.from(rows))),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** What filter `type` predicts for byte i of `line` (a, b, c as the PNG spec names them). */
function predict(type: number, line: number[], above: number[], i: number, bpp: number): number {
  const a = i >= bpp ? line[i - bpp]! : 0;
  const b = above[i]!;
  const c = i >= bpp ? above[i - bpp]! : 0;
  if (type === 0) return 0;
  if (type === 1) return a;
  if (type === 2) return b;
  if (type === 3) return Math.floor((a + b) / 2);
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

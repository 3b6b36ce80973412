/**
 * A small PNG encoder for tests, written independently of the decoder under test: bitwise CRC
 * instead of a table, filters applied forwards, fflate's zlibSync for compression. It can also
 * build deliberately broken files.
 */
import { zlibSync } from 'fflate';

export type ColourType = 0 | 2 | 3 | 4 | 6;

export const CHANNELS: Record<ColourType, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export interface PngSpec {
  readonly width: number;
  readonly height: number;
  readonly colourType: ColourType;
  readonly bitDepth: number;
  /** Row-major samples, channels interleaved, each 0 .. 2^bitDepth - 1 (palette indices for 3). */
  readonly samples: ArrayLike<number>;
  /** RGB triples for colour type 3. */
  readonly palette?: readonly (readonly [number, number, number])[];
  readonly transparency?: readonly number[];
  /** Filter type of each row, cycled; 0 (none) by default. Values above 4 are written as is. */
  readonly filters?: readonly number[];
  /** Splits the compressed data over this many IDAT chunks. */
  readonly idatChunks?: number;
  /** Header fields written instead of the true ones, to build broken files. */
  readonly header?: Partial<{ height: number; interlace: number; bitDepth: number }>;
}

export function encodePng(spec: PngSpec): Uint8Array {
  const raw = filteredRows(spec);
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, spec.width);
  view.setUint32(4, spec.header?.height ?? spec.height);
  ihdr.set(
    [spec.header?.bitDepth ?? spec.bitDepth, spec.colourType, 0, 0, spec.header?.interlace ?? 0],
    8,
  );
  const chunks = [chunk('IHDR', ihdr)];
  if (spec.palette) chunks.push(chunk('PLTE', Uint8Array.from(spec.palette.flat())));
  if (spec.transparency) chunks.push(chunk('tRNS', Uint8Array.from(spec.transparency)));
  chunks.push(chunk('tEXt', new TextEncoder().encode('Comment\0test image')));
  const compressed = zlibSync(raw);
  const parts = spec.idatChunks ?? 1;
  const step = Math.ceil(compressed.length / parts);
  for (let i = 0; i < parts; i++)
    chunks.push(chunk('IDAT', compressed.subarray(i * step, (i + 1) * step)));
  chunks.push(chunk('IEND', new Uint8Array(0)));
  return concat([Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10]), ...chunks]);
}

/** The filter byte then the filtered bytes of every row (PNG spec, section 9.2, forwards). */
function filteredRows(spec: PngSpec): Uint8Array {
  const { width, height, bitDepth } = spec;
  const channels = CHANNELS[spec.colourType];
  const stride = Math.ceil((width * channels * bitDepth) / 8);
  const bpp = Math.max(1, (channels * bitDepth) / 8);
  const rows = Array.from({ length: height }, (_, y) => packRow(spec, y, width * channels, stride));
  const out = new Uint8Array(height * (stride + 1));
  rows.forEach((row, y) => {
    const filter = spec.filters ? spec.filters[y % spec.filters.length]! : 0;
    const above = y > 0 ? rows[y - 1]! : new Uint8Array(stride);
    out[y * (stride + 1)] = filter;
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? row[i - bpp]! : 0;
      const b = above[i]!;
      const c = i >= bpp ? above[i - bpp]! : 0;
      const predictor = [0, a, b, Math.floor((a + b) / 2), paethPredictor(a, b, c)][filter] ?? 0;
      out[y * (stride + 1) + 1 + i] = (row[i]! - predictor + 256) % 256;
    }
  });
  return out;
}

function packRow(spec: PngSpec, y: number, count: number, stride: number): Uint8Array {
  const row = new Uint8Array(stride);
  for (let i = 0; i < count; i++) {
    const v = spec.samples[y * count + i]!;
    if (spec.bitDepth === 16) {
      row[2 * i] = v >> 8;
      row[2 * i + 1] = v & 255;
    } else {
      const bit = i * spec.bitDepth;
      row[Math.floor(bit / 8)]! |= v << (8 - spec.bitDepth - (bit % 8));
    }
  }
  return row;
}

function paethPredictor(a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

export function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, bitwiseCrc(out.subarray(4, 8 + data.length)));
  return out;
}

/** CRC-32 one bit at a time (polynomial 0xedb88320), slow but independent of the decoder's table. */
export function bitwiseCrc(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Omniglot's format: a 1-bit greyscale PNG, white paper (1) and black ink (0). */
export function omniglotPng(size: number, ink: (x: number, y: number) => boolean): Uint8Array {
  const samples = Array.from({ length: size * size }, (_, i) =>
    ink(i % size, Math.floor(i / size)) ? 0 : 1,
  );
  return encodePng({
    width: size,
    height: size,
    colourType: 0,
    bitDepth: 1,
    samples,
    filters: [0, 1, 2, 3, 4],
  });
}

/** A square image of floats as a greyscale 8-bit PNG, 0 black and 1 white, for looking at. */
export function greyPng(width: number, height: number, values: ArrayLike<number>): Uint8Array {
  const samples = Array.from({ length: width * height }, (_, i) =>
    Math.round(255 * Math.min(1, Math.max(0, values[i]!))),
  );
  return encodePng({ width, height, colourType: 0, bitDepth: 8, samples });
}

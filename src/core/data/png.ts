/**
 * A PNG decoder that returns luminance, written from the PNG specification (W3C, 2nd edition):
 * every colour type (grey, RGB, palette, grey + alpha, RGBA), bit depths 1 to 16, the five row
 * filters, tRNS transparency. Interlaced (Adam7) images are refused with a clear message. Every
 * chunk's CRC is checked. Pure TypeScript over fflate's inflate: runs in Node, pages and workers.
 */
import { unzlibSync } from 'fflate';
import { crc32 } from './checksums';
import { DataError } from './errors';
import { unfilter } from './pngFilters';
import { CHANNELS, rowBytes, toGrey, type PngLayout } from './pngPixels';

/** A decoded image: luminance 0 (black) to 1 (white), row-major, transparency laid on white. */
export interface GreyImage {
  readonly width: number;
  readonly height: number;
  readonly grey: Float32Array;
}

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/** Bit depths each colour type allows (PNG spec, table 11.1). */
const DEPTHS: Readonly<Record<number, readonly number[]>> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

/** Refuse images whose float copy would take more than 256 MB rather than fail inside allocation. */
const MAX_PIXELS = 2 ** 26;

export function decodePng(bytes: Uint8Array): GreyImage {
  if (bytes.length < SIGNATURE.length || SIGNATURE.some((b, i) => bytes[i] !== b)) {
    throw new DataError('this is not a PNG image: it does not start with the PNG signature');
  }
  const chunks = readChunks(bytes);
  const header = chunks[0]!;
  if (header.type !== 'IHDR') {
    throw new DataError('the PNG does not begin with its IHDR header chunk: the file is damaged');
  }
  const layout = parseHeader(header.data);
  let palette: Uint8Array | null = null;
  let transparency: Uint8Array | null = null;
  const idat: Uint8Array[] = [];
  for (const { type, data } of chunks.slice(1)) {
    if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'PLTE') {
      if (data.length === 0 || data.length % 3 !== 0 || data.length > 768) {
        throw new DataError(`the PLTE chunk holds ${data.length} bytes, not 1 to 256 RGB triples`);
      }
      palette = data;
    } else if (type === 'tRNS') {
      transparency = data;
    } else if (type === 'IHDR') {
      throw new DataError('the PNG has two IHDR chunks: the file is damaged');
    } else if (isCritical(type) && type !== 'IEND') {
      throw new DataError(`the PNG holds a chunk of unknown critical type ${type}`);
    }
  }
  if (idat.length === 0) throw new DataError('the PNG holds no image data (no IDAT chunk)');

  const stride = rowBytes(layout);
  const expected = layout.height * (stride + 1);
  const data = inflate(concat(idat), expected);
  if (data.length !== expected) {
    throw new DataError(
      `the PNG's image data unpacks to ${data.length} bytes where a ${layout.width}x${layout.height} ` +
        `image of this kind needs ${expected}: the file is damaged`,
    );
  }
  const bpp = Math.max(1, (CHANNELS[layout.colourType]! * layout.bitDepth) / 8);
  unfilter(data, layout.height, stride, bpp);
  const grey = toGrey(layout, data, { palette, transparency });
  return { width: layout.width, height: layout.height, grey };
}

interface Chunk {
  readonly type: string;
  readonly data: Uint8Array;
}

/** Every chunk up to and including IEND, with its CRC checked. */
function readChunks(bytes: Uint8Array): Chunk[] {
  const chunks: Chunk[] = [];
  let at = SIGNATURE.length;
  for (;;) {
    if (at + 8 > bytes.length) {
      throw new DataError('the PNG ends before its IEND chunk: the file is truncated');
    }
    const length = readUint32(bytes, at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (!/^[A-Za-z]{4}$/.test(type)) {
      throw new DataError(`the PNG has a malformed chunk at byte ${at}: the file is damaged`);
    }
    const end = at + 8 + length;
    if (length > 0x7fffffff || end + 4 > bytes.length) {
      throw new DataError(`the PNG ends inside its ${type} chunk: the file is truncated`);
    }
    if (crc32(bytes, at + 4, end) !== readUint32(bytes, end)) {
      throw new DataError(`the PNG's ${type} chunk fails its CRC check: the file is damaged`);
    }
    chunks.push({ type, data: bytes.subarray(at + 8, end) });
    if (type === 'IEND') return chunks;
    at = end + 4;
  }
}

function parseHeader(data: Uint8Array): PngLayout {
  if (data.length !== 13) throw new DataError('the PNG header (IHDR) has the wrong length');
  const width = readUint32(data, 0);
  const height = readUint32(data, 4);
  const [bitDepth, colourType, compression, filter, interlace] = data.subarray(8, 13);
  if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) {
    throw new DataError(`the PNG header gives an impossible size of ${width}x${height}`);
  }
  if (width * height > MAX_PIXELS) {
    throw new DataError(`the PNG is ${width}x${height}, larger than this decoder accepts`);
  }
  const depths = DEPTHS[colourType!];
  if (!depths) throw new DataError(`the PNG header gives an unknown colour type ${colourType}`);
  if (!depths.includes(bitDepth!)) {
    throw new DataError(
      `the PNG header gives bit depth ${bitDepth}, invalid for colour type ${colourType}`,
    );
  }
  if (compression !== 0 || filter !== 0) {
    throw new DataError('the PNG header names a compression or filter method that does not exist');
  }
  if (interlace === 1) {
    throw new DataError(
      'the PNG is interlaced (Adam7), which this reader does not support: save it without interlacing',
    );
  }
  if (interlace !== 0) {
    throw new DataError(`the PNG header gives an unknown interlace method ${interlace}`);
  }
  return { width, height, bitDepth: bitDepth!, colourType: colourType! };
}

/**
 * Inflates straight into a buffer one byte longer than an intact image needs, so that nothing is
 * regrown while inflating and data that runs long still shows up as a wrong length. fflate throws
 * when data overflows that buffer, so a failure is retried unbounded to tell "too long" from
 * "not a zlib stream".
 */
function inflate(stream: Uint8Array, expected: number): Uint8Array {
  try {
    return unzlibSync(stream, { out: new Uint8Array(expected + 1) });
  } catch {
    try {
      return unzlibSync(stream);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new DataError(
        `the PNG's image data cannot be decompressed (${reason}): the file is damaged`,
      );
    }
  }
}

/** Critical chunks have an upper-case first letter; a decoder must not skip one it does not know. */
function isCritical(type: string): boolean {
  return type.charCodeAt(0) < 97;
}

function readUint32(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0
  );
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Reads a PNG as luminance. fast-png does the decoding (chunks, CRCs, inflate, filters, Adam7);
 * this file adds what our callers need on top: a size cap checked before anything is allocated,
 * header checks fast-png leaves out, its errors turned into DataErrors, and the grey conversion.
 */
import { decode, hasPngSignature, type DecodedPng } from 'fast-png';
import { DataError } from './errors';
import { toGrey, type PngHeader } from './pngPixels';

/** A decoded image: luminance 0 (black) to 1 (white), row-major, transparency laid on white. */
export interface GreyImage {
  readonly width: number;
  readonly height: number;
  readonly grey: Float32Array;
}

/** Bit depths each colour type allows (PNG spec, table 11.1); fast-png does not check these. */
const DEPTHS: Readonly<Record<number, readonly number[]>> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

/** Refuse images whose float copy would take more than 256 MB rather than fail inside allocation. */
const MAX_PIXELS = 2 ** 26;

/** Signature (8 bytes) then the IHDR chunk: length, type, 13 bytes of fields, CRC. */
const HEADER_END = 33;
const IHDR = 0x49484452;

/**
 * Decodes a PNG to grey levels. `maxPixels` (at most the reader's own cap) refuses larger
 * images from their header, before anything is decoded.
 */
export function decodePng(bytes: Uint8Array, maxPixels = MAX_PIXELS): GreyImage {
  const header = readHeader(bytes, Math.min(maxPixels, MAX_PIXELS));
  let png: DecodedPng;
  try {
    png = decode(bytes, { checkCrc: true });
  } catch (error) {
    throw new DataError(`the PNG is damaged or truncated (${reason(error)})`, { cause: error });
  }
  return { width: png.width, height: png.height, grey: toGrey(png, header) };
}

/**
 * The IHDR fields, read before fast-png runs: it reports neither the colour type (grey and
 * palette images both have one channel) nor the interlacing, and would allocate any size.
 */
function readHeader(bytes: Uint8Array, maxPixels: number): PngHeader {
  if (!hasPngSignature(bytes)) {
    throw new DataError('this is not a PNG image: it does not start with the PNG signature');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  if (bytes.length >= 16 && (view.getUint32(8) !== 13 || view.getUint32(12) !== IHDR)) {
    throw new DataError('the PNG does not begin with its IHDR header chunk: the file is damaged');
  }
  if (bytes.length < HEADER_END) {
    throw new DataError('the PNG ends inside its header: the file is truncated');
  }
  const [width, height] = [view.getUint32(16), view.getUint32(20)];
  const [bitDepth, colourType, interlace] = [bytes[24]!, bytes[25]!, bytes[28]!];
  if (width === 0 || height === 0) {
    throw new DataError(`the PNG header gives an impossible size of ${width}x${height}`);
  }
  if (width * height > maxPixels) {
    throw new DataError(
      `the PNG is ${width}x${height}, more than the ${maxPixels.toLocaleString('en')} pixels ` +
        'allowed here',
    );
  }
  const depths = DEPTHS[colourType];
  if (!depths) throw new DataError(`the PNG header gives an unknown colour type ${colourType}`);
  if (!depths.includes(bitDepth)) {
    throw new DataError(
      `the PNG header gives bit depth ${bitDepth}, invalid for colour type ${colourType}`,
    );
  }
  // fast-png 8.0.0 lays out Adam7 passes as if every pixel took at least a byte.
  if (interlace === 1 && bitDepth < 8) {
    throw new DataError(
      `the PNG is interlaced (Adam7) at ${bitDepth} bits per sample, which this reader does ` +
        'not support: save it without interlacing',
    );
  }
  return { bitDepth, colourType };
}

/** fast-png's message and its causes', e.g. "Error while decompressing the data: invalid zlib data". */
function reason(error: unknown, depth = 0): string {
  if (!(error instanceof Error)) return String(error);
  const message = error.message.replace(/:$/, '');
  const cause =
    error.cause === undefined || depth >= 3 ? '' : `: ${reason(error.cause, depth + 1)}`;
  return message + cause;
}

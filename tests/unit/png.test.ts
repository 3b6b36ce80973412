import { describe, expect, it } from 'vitest';
import { unzlibSync, zlibSync } from 'fflate';
import { decodePng } from '../../src/core/data/png';
import { DataError } from '../../src/core/data/errors';
import { createRng } from '../../src/core/random/rng';
import {
  CHANNELS,
  chunk,
  concat,
  encodePng,
  type ColourType,
  type PngSpec,
} from '../helpers/imageFixtures';

const LUMA = [0.299, 0.587, 0.114];

/** Random samples for a test image, palette indices kept inside the palette. */
function randomSpec(
  colourType: ColourType,
  bitDepth: number,
  width: number,
  height: number,
  seed: number,
): PngSpec {
  const rng = createRng(seed, 'png');
  const max = 2 ** bitDepth - 1;
  const palette =
    colourType === 3
      ? Array.from(
          { length: Math.min(2 ** bitDepth, 200) },
          () =>
            [0, 0, 0].map(() => Math.floor(rng.next() * 256)) as unknown as [
              number,
              number,
              number,
            ],
        )
      : undefined;
  const limit = palette ? palette.length : max + 1;
  const samples = Array.from({ length: width * height * CHANNELS[colourType] }, () =>
    Math.floor(rng.next() * limit),
  );
  return { width, height, colourType, bitDepth, samples, palette, filters: [0, 1, 2, 3, 4] };
}

/** Luminance of each pixel as the spec defines it, computed from the samples that were encoded. */
function expectedGrey(spec: PngSpec): number[] {
  const max = 2 ** spec.bitDepth - 1;
  const n = CHANNELS[spec.colourType];
  const s = (pixel: number, channel: number): number => spec.samples[pixel * n + channel]!;
  const luma = (r: number, g: number, b: number): number =>
    LUMA[0]! * r + LUMA[1]! * g + LUMA[2]! * b;
  return Array.from({ length: spec.width * spec.height }, (_, p) => {
    switch (spec.colourType) {
      case 0:
        return s(p, 0) / max;
      case 2:
        return luma(s(p, 0), s(p, 1), s(p, 2)) / max;
      case 3: {
        const [r, g, b] = spec.palette![s(p, 0)]!;
        return luma(r, g, b) / 255;
      }
      case 4: {
        const alpha = s(p, 1) / max;
        return (alpha * s(p, 0)) / max + 1 - alpha;
      }
      case 6: {
        const alpha = s(p, 3) / max;
        return (alpha * luma(s(p, 0), s(p, 1), s(p, 2))) / max + 1 - alpha;
      }
    }
  });
}

function expectPixels(actual: Float32Array, expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  // Float32 storage: about 6e-8 relative error on values in [0, 1].
  expected.forEach((value, i) => {
    if (Math.abs(actual[i]! - value) > 1e-6) {
      expect.fail(`pixel ${i}: decoded ${actual[i]}, encoded ${value}`);
    }
  });
}

function expectDataError(bytes: Uint8Array, message: RegExp): void {
  expect(() => decodePng(bytes)).toThrow(DataError);
  expect(() => decodePng(bytes)).toThrow(message);
}

/** Each chunk's type, where it starts in the file and its payload. */
function chunksOf(png: Uint8Array): { type: string; start: number; data: Uint8Array }[] {
  const view = new DataView(png.buffer, png.byteOffset, png.length);
  const out = [];
  for (let at = 8; at < png.length; at += 12 + view.getUint32(at)) {
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    out.push({ type, start: at, data: png.subarray(at + 8, at + 8 + view.getUint32(at)) });
  }
  return out;
}

/** Adam7's seven passes: first column, first row, column step, row step (PNG spec, 8.2). */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/**
 * The spec's image as an Adam7-interlaced PNG. Each pass is filtered as an image of its own, so
 * its rows are the inflated IDAT of a plain PNG holding just that pass's pixels.
 */
function encodeAdam7(spec: PngSpec): Uint8Array {
  const n = CHANNELS[spec.colourType];
  const all = Array.from(spec.samples);
  const steps = (from: number, to: number, step: number): number[] =>
    Array.from({ length: Math.max(0, Math.ceil((to - from) / step)) }, (_, i) => from + i * step);
  const passes: Uint8Array[] = [];
  for (const [x0, y0, dx, dy] of ADAM7) {
    const [xs, ys] = [steps(x0, spec.width, dx), steps(y0, spec.height, dy)];
    if (xs.length === 0 || ys.length === 0) continue;
    const samples = ys.flatMap((y) =>
      xs.flatMap((x) => all.slice((y * spec.width + x) * n, (y * spec.width + x + 1) * n)),
    );
    const pass = encodePng({ ...spec, width: xs.length, height: ys.length, samples });
    passes.push(unzlibSync(chunksOf(pass).find((c) => c.type === 'IDAT')!.data));
  }
  const plain = encodePng({ ...spec, header: { interlace: 1 } });
  const firstIdat = chunksOf(plain).find((c) => c.type === 'IDAT')!.start;
  return concat([
    plain.subarray(0, firstIdat),
    chunk('IDAT', zlibSync(concat(passes))),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

const FORMATS: [string, ColourType, number][] = [
  ['grey 1-bit', 0, 1],
  ['grey 2-bit', 0, 2],
  ['grey 4-bit', 0, 4],
  ['grey 8-bit', 0, 8],
  ['grey 16-bit', 0, 16],
  ['RGB 8-bit', 2, 8],
  ['RGB 16-bit', 2, 16],
  ['palette 1-bit', 3, 1],
  ['palette 2-bit', 3, 2],
  ['palette 4-bit', 3, 4],
  ['palette 8-bit', 3, 8],
  ['grey + alpha 8-bit', 4, 8],
  ['grey + alpha 16-bit', 4, 16],
  ['RGBA 8-bit', 6, 8],
  ['RGBA 16-bit', 6, 16],
];

describe('PNG decoding', () => {
  it.each(FORMATS)('reads %s pixel by pixel, every filter type in turn', (_, colourType, depth) => {
    // Width 13 leaves unused bits at the end of sub-byte rows; five rows use each filter once.
    const spec = randomSpec(colourType, depth, 13, 10, colourType * 100 + depth);
    const image = decodePng(encodePng(spec));
    expect([image.width, image.height]).toEqual([13, 10]);
    expectPixels(image.grey, expectedGrey(spec));
  });

  it.each([0, 1, 2, 3, 4])(
    'undoes filter type %i on every row, for 1-bit grey, 8-bit RGB and 16-bit RGBA',
    (filter) => {
      for (const [colourType, depth] of [
        [0, 1],
        [2, 8],
        [6, 16],
      ] as const) {
        const spec = { ...randomSpec(colourType, depth, 21, 9, filter + 7), filters: [filter] };
        expectPixels(decodePng(encodePng(spec)).grey, expectedGrey(spec));
      }
    },
  );

  it('joins image data split over several IDAT chunks', () => {
    const spec = { ...randomSpec(2, 8, 30, 20, 3), idatChunks: 5 };
    expectPixels(decodePng(encodePng(spec)).grey, expectedGrey(spec));
  });

  it('lays transparent pixels on white: tRNS grey and RGB keys, palette alpha', () => {
    // Grey 8-bit: level 40 is transparent, so it reads as white paper.
    const grey = decodePng(
      encodePng({
        width: 3,
        height: 1,
        colourType: 0,
        bitDepth: 8,
        samples: [40, 0, 255],
        transparency: [0, 40],
      }),
    );
    expectPixels(grey.grey, [1, 0, 1]);
    // Grey 16-bit: level 40 is transparent; 41 is not.
    const deepGrey = decodePng(
      encodePng({
        width: 3,
        height: 1,
        colourType: 0,
        bitDepth: 16,
        samples: [40, 41, 65535],
        transparency: [0, 40],
      }),
    );
    expectPixels(deepGrey.grey, [1, 41 / 65535, 1]);
    // RGB 16-bit: the colour (0, 1, 2) is transparent; (0, 1, 3) and (0, 1, 2000) are not.
    // Three pixels: fast-png 8.0.0 wrongly refuses an RGB tRNS in images of fewer pixels.
    const rgb = decodePng(
      encodePng({
        width: 3,
        height: 1,
        colourType: 2,
        bitDepth: 16,
        samples: [0, 1, 2, 0, 1, 3, 0, 1, 2000],
        transparency: [0, 0, 0, 1, 0, 2],
      }),
    );
    expectPixels(rgb.grey, [1, (0.587 + 0.114 * 3) / 65535, (0.587 + 0.114 * 2000) / 65535]);
    // Palette: black at alpha 255, black at alpha 51 (0.2), white with no alpha entry (opaque).
    const palette = decodePng(
      encodePng({
        width: 3,
        height: 1,
        colourType: 3,
        bitDepth: 8,
        samples: [0, 1, 2],
        palette: [
          [0, 0, 0],
          [0, 0, 0],
          [255, 255, 255],
        ],
        transparency: [255, 51],
      }),
    );
    expectPixels(palette.grey, [0, 0.8, 1]);
  });

  it('reads image data compressed at every zlib level, stored blocks included', () => {
    const spec = randomSpec(0, 8, 8, 8, 10);
    const header = encodePng(spec).subarray(0, 33); // signature and IHDR
    // Filter byte 0 then the eight samples of each row.
    const raw = new Uint8Array(8 * 9);
    for (let y = 0; y < 8; y++)
      raw.set(Array.from(spec.samples).slice(8 * y, 8 * y + 8), 9 * y + 1);
    for (const level of [0, 1, 9] as const) {
      const idat = chunk('IDAT', zlibSync(raw, { level }));
      const bytes = concat([header, idat, chunk('IEND', new Uint8Array(0))]);
      expectPixels(decodePng(bytes).grey, expectedGrey(spec));
    }
  });

  it.each(FORMATS.filter(([, , depth]) => depth >= 8))(
    'reads %s interlaced (Adam7), full passes and empty ones',
    (_, colourType, depth) => {
      // 13x10 fills all seven passes; at 3x2, passes 2, 3 and 5 hold no pixels.
      for (const [width, height] of [
        [13, 10],
        [3, 2],
      ] as const) {
        const spec = randomSpec(colourType, depth, width, height, colourType * 10 + depth + width);
        const image = decodePng(encodeAdam7(spec));
        expect([image.width, image.height]).toEqual([width, height]);
        expectPixels(image.grey, expectedGrey(spec));
      }
    },
  );

  it('reads a PNG lying inside a larger buffer, as a zip entry may', () => {
    const spec = randomSpec(0, 4, 9, 7, 12);
    const png = encodePng(spec);
    const buffer = new Uint8Array(png.length + 50).fill(0xa5);
    buffer.set(png, 20);
    expectPixels(decodePng(buffer.subarray(20, 20 + png.length)).grey, expectedGrey(spec));
  });

  it('skips ancillary chunks it does not know', () => {
    const spec = randomSpec(0, 8, 4, 4, 9);
    const image = encodePng(spec);
    const bytes = concat([
      image.subarray(0, 33),
      chunk('zzZz', Uint8Array.of(1, 2)),
      image.subarray(33),
    ]);
    expectPixels(decodePng(bytes).grey, expectedGrey(spec));
  });
});

describe('PNG decoding refuses malformed files with a DataError', () => {
  const good = encodePng(randomSpec(0, 8, 16, 16, 1));

  it('not a PNG: empty, too short, another format', () => {
    expectDataError(new Uint8Array(0), /not a PNG/);
    expectDataError(good.subarray(0, 5), /not a PNG/);
    expectDataError(
      Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0]),
      /not a PNG/,
    );
  });

  it('truncated anywhere after the signature', () => {
    for (const length of [8, 20, 40, good.length - 20, good.length - 1]) {
      expectDataError(good.subarray(0, length), /truncated/);
    }
  });

  it('a chunk whose CRC does not match, even one the image does not need', () => {
    const bad = good.slice();
    bad[bad.length - 20]! ^= 0x10; // inside the IDAT payload
    expectDataError(bad, /damaged.*CRC/);
    // Only the CRC can tell that the text of the tEXt chunk changed.
    const text = chunksOf(good).find((c) => c.type === 'tEXt')!;
    const badText = good.slice();
    badText[text.start + 9]! ^= 0x01;
    expectDataError(badText, /damaged.*CRC/);
  });

  it('a row with filter type 5', () => {
    expectDataError(
      encodePng({ ...randomSpec(0, 8, 4, 4, 2), filters: [0, 5] }),
      /damaged.*filter.*5/,
    );
  });

  it('image data shorter than the header says', () => {
    const spec = randomSpec(2, 8, 6, 6, 4);
    expectDataError(encodePng({ ...spec, header: { height: 7 } }), /damaged/);
  });

  it('a header whose size is over the pixel cap, before allocating it', () => {
    expectDataError(
      encodePng({ ...randomSpec(0, 8, 1, 1, 11), header: { height: 2 ** 27 } }),
      /the PNG is 1x134217728, more than the 67,108,864 pixels allowed here/,
    );
  });

  it('image data that is not a zlib stream', () => {
    const image = encodePng(randomSpec(0, 8, 4, 4, 5));
    // Replace everything after IHDR (8 + 25 bytes) with a well-formed IDAT of garbage, then IEND.
    const garbage = Uint8Array.from({ length: 40 }, (_, i) => (i * 73 + 11) & 255);
    const bytes = concat([
      image.subarray(0, 33),
      chunk('IDAT', garbage),
      chunk('IEND', new Uint8Array(0)),
    ]);
    expectDataError(bytes, /damaged.*decompress/);
  });

  it.each([1, 2, 4])('interlaced %i-bit images, with a message saying so', (depth) => {
    // A valid file: fast-png 8.0.0 misreads Adam7 passes below 8 bits, so the reader refuses it.
    expectDataError(encodeAdam7(randomSpec(0, depth, 13, 10, 6)), /interlaced \(Adam7\) at/);
  });

  it('header values the spec does not allow', () => {
    expectDataError(
      encodePng({ ...randomSpec(2, 8, 4, 4, 7), header: { bitDepth: 4 } }),
      /bit depth 4/,
    );
    const noIhdr = concat([good.subarray(0, 8), chunk('IEND', new Uint8Array(0))]);
    expectDataError(noIhdr, /IHDR/);
  });

  it('palette images without a palette or with an index past its end', () => {
    const spec = randomSpec(3, 4, 4, 4, 8);
    expectDataError(encodePng({ ...spec, palette: undefined }), /PLTE/);
    // Ten entries, indices 0 to 9, then one pixel asking for entry 12.
    const samples = Array.from(spec.samples, (v) => v % 10);
    samples[5] = 12;
    const short = { ...spec, palette: spec.palette!.slice(0, 10), samples };
    expectDataError(encodePng(short), /palette entry 12/);
  });
});

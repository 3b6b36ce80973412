/**
 * Archives are bounded before the work is done: the sizes a zip declares are checked before
 * anything is inflated (and an entry is never inflated past its declared size), and a drawing's
 * pixels are checked from its PNG header before it is decoded, per drawing and per archive.
 * Each refusal names the file and the limit.
 */
import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { DataError } from '../../src/core/data/errors';
import {
  MAX_ARCHIVE_PIXELS,
  MAX_DRAWING_PIXELS,
  readOmniglotZip,
} from '../../src/core/data/omniglot';
import { MAX_ARCHIVE_BYTES, MAX_ENTRY_BYTES, readZip } from '../../src/core/data/zip';
import { omniglotPng } from '../helpers/imageFixtures';
import { bandDrawing } from '../helpers/omniglotFixtures';

const CENTRAL_ENTRY = 0x02014b50;

/** Rewrites every entry's declared (uncompressed) size in the zip's central directory. */
function declareSizes(bytes: Uint8Array, size: number): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  for (let at = 0; at + 46 <= copy.length; at++) {
    if (view.getUint32(at, true) === CENTRAL_ENTRY) view.setUint32(at + 24, size, true);
  }
  return copy;
}

function refusal(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

const read = (bytes: Uint8Array) => () => readOmniglotZip(bytes, { imageSize: 28 });

describe('zip sizes', () => {
  it('refuse an entry that would inflate past the cap for one file, naming it', () => {
    const big = zipSync({ 'A/character01/bomb.png': new Uint8Array(MAX_ENTRY_BYTES + 2 ** 20) });
    expect(big.length).toBeLessThan(100_000);
    expect(refusal(read(big))).toBe(
      'A/character01/bomb.png would inflate to 17 MiB, above the 16 MiB allowed for one file: ' +
        'this is not an Omniglot drawing',
    );
  });

  it('refuse an archive whose declared sizes add up past the cap, before inflating any', () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 40; i++) files[`A/character01/d${i}.png`] = bandDrawing(3);
    const lying = declareSizes(zipSync(files), 15 * 2 ** 20);
    expect(40 * 15 * 2 ** 20).toBeGreaterThan(MAX_ARCHIVE_BYTES);
    expect(refusal(read(lying))).toMatch(
      /^its files would inflate to more than the 512 MiB allowed for one archive \(reached at A\/character01\/d\d+\.png\)/,
    );
  });

  it('never inflate an entry past the size it declares', () => {
    const honest = zipSync({ 'a.png': new Uint8Array(5_000_000) });
    const files = readZip(declareSizes(honest, 10), () => true);
    expect(files.get('a.png')?.length).toBe(10);
  });
});

describe('drawing pixels', () => {
  it('refuse a drawing larger than the cap from its header, naming it', () => {
    const side = 1100;
    expect(side * side).toBeGreaterThan(MAX_DRAWING_PIXELS);
    const bytes = zipSync({
      'A/character01/ok.png': bandDrawing(3),
      'A/character01/huge.png': omniglotPng(side, () => false),
    });
    expect(refusal(read(bytes))).toBe(
      'A/character01/huge.png in the zip is not a readable PNG: the PNG is 1100x1100, more ' +
        'than the 1,048,576 pixels allowed here',
    );
  });

  it('refuse an archive whose drawings hold more pixels than the cap for one archive', () => {
    const side = 1024;
    const count = Math.floor(MAX_ARCHIVE_PIXELS / (side * side)) + 1;
    const png = omniglotPng(side, (x) => x < 10);
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < count; i++) files[`A/character01/d${String(i).padStart(3, '0')}.png`] = png;
    expect(refusal(read(zipSync(files)))).toBe(
      "its drawings hold more than the 268,435,456 pixels allowed for one archive (reached at A/character01/d256.png); Omniglot's drawings are 105x105",
    );
  });
});

/**
 * Glyph classes as a ClassPool, with meta-training and meta-testing pools that can never share a
 * class: train ids are even, test ids odd, and a class's strokes depend only on (seed, id), never
 * on which pool asked (see glyphClass).
 */
import type { ClassPool } from '../classification/types';
import type { Rng } from '../random/rng';
import { drawGlyph, glyphClass } from './glyphs';

export type GlyphSplit = 'train' | 'test';

const PARITY: Readonly<Record<GlyphSplit, number>> = { train: 0, test: 1 };

/** Whether a glyph id belongs to the train or test pool. */
export function glyphSplitOf(id: number): GlyphSplit {
  return (id & 1) === PARITY.train ? 'train' : 'test';
}

/** An unlimited pool of glyph classes: 2^31 ids per split, fresh examples on every draw. */
export function glyphPool(seed: number, split: GlyphSplit, imageSize: number): ClassPool {
  if (!Number.isInteger(imageSize) || imageSize < 4) {
    throw new RangeError(
      `glyph images need an integer size of at least 4 pixels, not ${imageSize}`,
    );
  }
  const parity = PARITY[split];
  return {
    imageSize,
    classCount: Infinity,
    examplesPerClass: Infinity,
    pickClasses(rng: Rng, ways: number): number[] {
      const ids = new Set<number>();
      while (ids.size < ways) ids.add(((rng.nextUint32() & ~1) | parity) >>> 0);
      return [...ids];
    },
    drawExamples(rng: Rng, id: number, count: number, out: Float32Array, offset: number): void {
      if (glyphSplitOf(id) !== split) {
        throw new RangeError(
          `glyph class ${id} belongs to the ${glyphSplitOf(id)} pool, not ${split}`,
        );
      }
      const glyph = glyphClass(seed, id);
      const pixels = imageSize * imageSize;
      for (let k = 0; k < count; k++) drawGlyph(glyph, rng, imageSize, out, offset + k * pixels);
    },
  };
}

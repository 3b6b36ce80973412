import { DataError } from './errors';
import type { AlphabetsArchive, OmniglotCharacter } from './omniglot';
import { compareNames } from './omniglotLayout';

/**
 * One collection from several alphabet archives. A character found in more than one (as Greek
 * and Latin are in both images_background_small1 and small2) appears once; drawings that differ
 * between the copies are all kept, identical ones once.
 */
export function mergeAlphabetArchives(archives: readonly AlphabetsArchive[]): AlphabetsArchive {
  const first = archives[0];
  if (!first) throw new DataError('there are no alphabet archives to merge');
  const { imageSize } = first;
  const pixels = imageSize * imageSize;
  const mismatch = archives.find((a) => a.imageSize !== imageSize);
  if (mismatch) {
    throw new DataError(
      `${mismatch.name} was read at ${mismatch.imageSize}x${mismatch.imageSize} pixels and ` +
        `${first.name} at ${imageSize}x${imageSize}; read both at one size to merge them`,
    );
  }
  const merged = new Map<string, OmniglotCharacter>();
  for (const archive of archives) {
    for (const c of archive.characters) {
      const key = `${c.alphabet}/${c.character}`;
      const seen = merged.get(key);
      merged.set(key, seen ? union(seen, c, pixels) : c);
    }
  }
  const characters = [...merged.values()].sort(
    (a, b) => compareNames(a.alphabet, b.alphabet) || compareNames(a.character, b.character),
  );
  return {
    kind: 'alphabets',
    name: archives.map((a) => a.name).join(' + '),
    imageSize,
    characters,
  };
}

/** `a` with the drawings of `b` it does not already hold. */
function union(a: OmniglotCharacter, b: OmniglotCharacter, pixels: number): OmniglotCharacter {
  const extra: number[] = [];
  for (let j = 0; j < b.count; j++) {
    const drawing = b.images.subarray(j * pixels, (j + 1) * pixels);
    let found = false;
    for (let i = 0; i < a.count && !found; i++) {
      found = sameImage(a.images.subarray(i * pixels, (i + 1) * pixels), drawing);
    }
    if (!found) extra.push(j);
  }
  if (extra.length === 0) return a;
  const images = new Float32Array((a.count + extra.length) * pixels);
  images.set(a.images);
  extra.forEach((j, k) => {
    images.set(b.images.subarray(j * pixels, (j + 1) * pixels), (a.count + k) * pixels);
  });
  return { ...a, images, count: a.count + extra.length };
}

function sameImage(x: Float32Array, y: Float32Array): boolean {
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

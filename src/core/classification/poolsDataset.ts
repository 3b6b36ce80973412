/**
 * Classes from a decoded dataset (Omniglot characters) as a ClassPool. With rotations, each
 * character gives four classes, itself turned by 0, 90, 180 and 270 degrees, as in Santoro et al.
 * 2016 and Finn et al. 2017 (MAML), section 5.2: a rotated character counts as a new character.
 */
import { DataError } from '../data/errors';
import type { OmniglotCharacter } from '../data/omniglot';
import { rotateQuarterTurns } from '../data/rotate';
import type { Rng } from '../random/rng';
import type { ClassPool } from './types';

export interface DatasetPoolOptions {
  readonly rotations: boolean;
}

export interface DatasetPool extends ClassPool {
  /** Which character and rotation a class id stands for, e.g. to label a picture. */
  describe(id: number): { alphabet: string; character: string; degrees: number };
}

/**
 * Class id = character index * 4 + quarter turns with rotations, the character index without.
 * examplesPerClass is the smallest drawing count of any character.
 */
export function datasetPool(
  characters: readonly OmniglotCharacter[],
  options: DatasetPoolOptions,
): DatasetPool {
  const imageSize = commonImageSize(characters);
  const pixels = imageSize * imageSize;
  const turns = options.rotations ? 4 : 1;
  const classCount = characters.length * turns;
  const examplesPerClass = Math.min(...characters.map((c) => c.count));
  const fewest = characters.find((c) => c.count === examplesPerClass);
  const character = (id: number): OmniglotCharacter => {
    if (!Number.isInteger(id) || id < 0 || id >= classCount) {
      throw new RangeError(`class id ${id} is outside this pool's 0 to ${classCount - 1}`);
    }
    return characters[Math.floor(id / turns)]!;
  };
  return {
    imageSize,
    classCount,
    examplesPerClass,
    ...(fewest
      ? {
          fewestExamplesAt: `${fewest.archive ? `${fewest.archive}, ` : ''}${fewest.alphabet}/${fewest.character}`,
        }
      : {}),
    pickClasses: (rng, ways) => {
      if (ways > classCount) {
        throw new DataError(
          `a ${ways}-way task needs ${ways} classes; this pool has ${classCount}`,
        );
      }
      return distinctIndices(rng, classCount, ways);
    },
    drawExamples: (rng, id, count, out, offset) => {
      const c = character(id);
      if (count > c.count) {
        throw new DataError(
          `${c.alphabet}/${c.character} has ${c.count} drawings, fewer than the ${count} asked for`,
        );
      }
      const quarterTurns = id % turns;
      distinctIndices(rng, c.count, count).forEach((drawing, k) => {
        rotateQuarterTurns(
          c.images,
          drawing * pixels,
          imageSize,
          quarterTurns,
          out,
          offset + k * pixels,
        );
      });
    },
    describe: (id) => {
      const c = character(id);
      return { alphabet: c.alphabet, character: c.character, degrees: (id % turns) * 90 };
    },
    describeClass: (id) => {
      const c = character(id);
      const degrees = (id % turns) * 90;
      return `${c.alphabet}/${c.character}${degrees > 0 ? ` ${degrees}°` : ''}`;
    },
  };
}

/** `count` distinct integers from 0..n-1 in random order (a partial Fisher-Yates shuffle). */
export function distinctIndices(rng: Rng, n: number, count: number): number[] {
  // Few picks from many: rejection is cheaper than shuffling all n.
  if (count * 4 < n) {
    const picked = new Set<number>();
    while (picked.size < count) picked.add(Math.floor(rng.next() * n));
    return [...picked];
  }
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rng.next() * (n - i));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.slice(0, count);
}

/** The side of the square images every character holds; DataError if they disagree. */
function commonImageSize(characters: readonly OmniglotCharacter[]): number {
  if (characters.length === 0) throw new DataError('there are no characters to draw classes from');
  const sizes = new Set(
    characters.map((c) => {
      const side = Math.sqrt(c.images.length / c.count);
      if (c.count < 1 || !Number.isInteger(side)) {
        throw new DataError(`${c.alphabet}/${c.character} does not hold ${c.count} square images`);
      }
      return side;
    }),
  );
  if (sizes.size > 1) {
    throw new DataError(`the characters hold images of different sizes (${[...sizes].join(', ')})`);
  }
  return [...sizes][0]!;
}

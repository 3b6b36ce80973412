/**
 * Held-out alphabets for meta-testing. Splitting by alphabet, not by character, keeps the test
 * classes new in style as well as in identity, as Lake et al. 2015 did with their background and
 * evaluation alphabets.
 */
import { DataError } from '../data/errors';
import type { OmniglotCharacter } from '../data/omniglot';
import type { Rng } from '../random/rng';
import { distinctIndices } from './poolsDataset';

export interface AlphabetSplit {
  readonly train: readonly OmniglotCharacter[];
  readonly test: readonly OmniglotCharacter[];
  /** The held-out alphabets, sorted. */
  readonly testAlphabets: readonly string[];
}

/** Held out: these alphabets by name, or `count` of them chosen with `rng`. */
export type HeldOut = readonly string[] | { readonly count: number; readonly rng: Rng };

export function splitByAlphabet(
  characters: readonly OmniglotCharacter[],
  heldOut: HeldOut,
): AlphabetSplit {
  const alphabets = [...new Set(characters.map((c) => c.alphabet))].sort();
  let chosen: string[];
  if (isNameList(heldOut)) {
    const unknown = heldOut.filter((name) => !alphabets.includes(name));
    if (unknown.length > 0) {
      throw new DataError(
        `no alphabet named ${unknown.join(', ')}; the alphabets are ${alphabets.join(', ')}`,
      );
    }
    chosen = [...new Set(heldOut)];
  } else {
    if (!Number.isInteger(heldOut.count) || heldOut.count < 1) {
      throw new RangeError(`hold out at least one alphabet, not ${heldOut.count}`);
    }
    chosen = distinctIndices(
      heldOut.rng,
      alphabets.length,
      Math.min(heldOut.count, alphabets.length),
    ).map((i) => alphabets[i]!);
  }
  if (chosen.length === 0 || chosen.length >= alphabets.length) {
    throw new DataError(
      `holding out ${chosen.length} of ${alphabets.length} alphabets leaves ` +
        (chosen.length === 0 ? 'none to test on' : 'none to train on'),
    );
  }
  const held = new Set(chosen);
  return {
    train: characters.filter((c) => !held.has(c.alphabet)),
    test: characters.filter((c) => held.has(c.alphabet)),
    testAlphabets: [...held].sort(),
  };
}

function isNameList(heldOut: HeldOut): heldOut is readonly string[] {
  return Array.isArray(heldOut);
}

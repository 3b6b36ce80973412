import { describe, expect, it } from 'vitest';
import { DatasetLibrary, HELD_OUT_EVERY } from '../../src/core/datasets/library';
import { DataError } from '../../src/core/data/errors';
import { alphabetsZip, bandDrawing, runsZip } from '../helpers/omniglotFixtures';

/** An alphabets archive: each alphabet gets `characters` characters of 20 drawings. */
function archive(root: string, alphabets: readonly string[], characters = 2): Uint8Array {
  const tree: Record<string, Record<string, Record<string, Uint8Array>>> = {};
  alphabets.forEach((alphabet, a) => {
    tree[alphabet] = {};
    for (let c = 0; c < characters; c++) {
      const drawings: Record<string, Uint8Array> = {};
      for (let d = 0; d < 20; d++) drawings[`${d}.png`] = bandDrawing(5 + a * 10 + c * 3 + (d % 2));
      tree[alphabet][`character${String(c + 1).padStart(2, '0')}`] = drawings;
    }
  });
  return alphabetsZip(root, tree);
}

const EIGHT = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Zeta', 'Eta', 'Theta'];

describe('DatasetLibrary', () => {
  it('holds out every fourth alphabet in name order when no evaluation archive is loaded', () => {
    const library = new DatasetLibrary();
    library.add('images_background_a.zip', archive('images_background_a', EIGHT.slice(0, 5)));
    library.add('images_background_b.zip', archive('images_background_b', EIGHT.slice(3)));
    const sorted = [...EIGHT].sort();
    const expected = sorted.filter((_, i) => i % HELD_OUT_EVERY === HELD_OUT_EVERY - 1);
    const split = library.split(28);
    expect(split.heldOutAlphabets).toEqual(expected);
    expect(new Set(split.test.map((c) => c.alphabet))).toEqual(new Set(expected));
    const trainAlphabets = new Set(split.train.map((c) => c.alphabet));
    for (const alphabet of expected) expect(trainAlphabets.has(alphabet)).toBe(false);
    // Delta and Epsilon are in both archives: each of their characters is counted once.
    expect(split.train.length + split.test.length).toBe(8 * 2);
    const summary = library.summary();
    expect(summary.ready).toBe(true);
    expect(summary.archives.map((a) => a.role)).toEqual(['train+test', 'train+test']);
    expect(summary.heldOutAlphabets).toEqual(expected);
  });

  it('holds out a whole evaluation archive instead, when one is loaded', () => {
    const library = new DatasetLibrary();
    library.add('images_background.zip', archive('images_background', EIGHT.slice(0, 3)));
    library.add('images_evaluation.zip', archive('images_evaluation', ['Omega']));
    const split = library.split(14);
    expect(split.heldOutAlphabets).toEqual(['Omega']);
    expect(split.train).toHaveLength(6);
    expect(split.test).toHaveLength(2);
    expect(split.train[0]!.images).toHaveLength(20 * 14 * 14);
    expect(library.summary().archives.map((a) => a.role)).toEqual(['train', 'test']);
  });

  it('keeps the library unchanged when a file cannot be used, and says why', () => {
    const library = new DatasetLibrary();
    library.add('images_background.zip', archive('images_background', EIGHT.slice(0, 2)));
    const before = library.summary();
    expect(() => library.add('notes.zip', new TextEncoder().encode('not a zip'))).toThrow(
      DataError,
    );
    expect(library.summary()).toEqual(before);
  });

  it('refuses a split with a single alphabet, since held-out classes need their own', () => {
    const library = new DatasetLibrary();
    library.add('one.zip', archive('one', ['Alpha']));
    expect(() => library.split(28)).toThrow(/single alphabet/);
  });

  it('keeps the one-shot runs apart and decodes them at the size asked for', () => {
    const library = new DatasetLibrary();
    const drawings = Array.from({ length: 3 }, (_, i) => bandDrawing(10 + 20 * i));
    library.add(
      'all_runs.zip',
      runsZip([{ name: 'run01', training: drawings, test: drawings, answers: [0, 1, 2] }]),
    );
    const summary = library.summary();
    expect(summary.ready).toBe(false);
    expect(summary.oneShotRuns).toBe(true);
    expect(summary.archives[0]!.runs).toBe(1);
    const runs = library.oneShotRuns(7)!;
    expect(runs.runs[0]!.training).toHaveLength(3 * 49);
    library.clear();
    expect(library.oneShotRuns(7)).toBeNull();
    expect(library.summary().archives).toEqual([]);
  });
});

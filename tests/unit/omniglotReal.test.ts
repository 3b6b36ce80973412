/**
 * The real Omniglot subsets kept beside the repository (../shared/data/omniglot, see its README).
 * They are not part of the repository, so this file skips when they are absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readOmniglotZip, type AlphabetsArchive } from '../../src/core/data/omniglot';
import { mergeAlphabetArchives } from '../../src/core/data/omniglotMerge';
import { oneShotRunsBatch } from '../../src/core/classification/samplingOneShotRuns';

const DIR = fileURLToPath(new URL('../../../shared/data/omniglot/', import.meta.url));
const FILES = ['images_background_small1.zip', 'images_background_small2.zip', 'all_runs.zip'];
const present = FILES.every((file) => existsSync(DIR + file));
const SIZE = 28;

/** Characters per alphabet in Omniglot (Lake et al. 2015), the README's alphabets for each file. */
const SMALL1 = { Balinese: 24, Early_Aramaic: 22, Greek: 24, Korean: 40, Latin: 26 };
const SMALL2 = { Greek: 24, 'Japanese_(katakana)': 47, Latin: 26, Sanskrit: 42, Tagalog: 17 };

function read(file: string): ReturnType<typeof readOmniglotZip> {
  return readOmniglotZip(readFileSync(DIR + file), { imageSize: SIZE, name: file });
}

function perAlphabet(archive: AlphabetsArchive): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of archive.characters) counts[c.alphabet] = (counts[c.alphabet] ?? 0) + 1;
  return counts;
}

function meanInk(images: Float32Array): number {
  return images.reduce((a, b) => a + b, 0) / images.length;
}

describe('real Omniglot archives', () => {
  it.skipIf(!present)(
    present
      ? 'reads ../shared/data/omniglot: alphabets, 20 drawings per character, 20 runs with answer keys'
      : 'real Omniglot archives (skipped: ../shared/data/omniglot not present)',
    () => {
      const [small1, small2] = [read(FILES[0]!), read(FILES[1]!)];
      if (small1.kind !== 'alphabets' || small2.kind !== 'alphabets') throw new Error('wrong kind');
      expect(small1.name).toBe('images_background_small1');
      expect(perAlphabet(small1)).toEqual(SMALL1);
      expect(perAlphabet(small2)).toEqual(SMALL2);
      for (const c of [...small1.characters, ...small2.characters]) {
        expect(c.count).toBe(20);
        expect(c.images).toHaveLength(20 * SIZE * SIZE);
      }
      // Greek and Latin are in both files and drawn identically there: merged once, still 20 each.
      const merged = mergeAlphabetArchives([small1, small2]);
      expect(merged.characters).toHaveLength(136 + 156 - 24 - 26);
      expect(merged.characters.every((c) => c.count === 20)).toBe(true);
      // Strokes cover a small part of the page: inverted, the mean is well below one half.
      const ink = meanInk(merged.characters[0]!.images);
      expect(ink).toBeGreaterThan(0.01);
      expect(ink).toBeLessThan(0.3);

      const runs = read(FILES[2]!);
      if (runs.kind !== 'oneShotRuns') throw new Error('wrong kind');
      expect(runs.runs.map((r) => r.name)).toEqual(
        Array.from({ length: 20 }, (_, i) => `run${String(i + 1).padStart(2, '0')}`),
      );
      for (const run of runs.runs) {
        expect(run.training).toHaveLength(20 * SIZE * SIZE);
        expect(run.test).toHaveLength(20 * SIZE * SIZE);
        // Each test item answers to a different training class: a permutation of 0..19.
        expect(Array.from(run.answers).sort((a, b) => a - b)).toEqual(
          Array.from({ length: 20 }, (_, i) => i),
        );
      }
      // run01/class_labels.txt begins "run01/test/item01.png run01/training/class08.png".
      expect(runs.runs[0]!.answers[0]).toBe(7);
      const firstTraining = runs.runs[0]!.training.subarray(0, SIZE * SIZE);
      expect(Math.max(...firstTraining)).toBeGreaterThan(0.5);
      expect(meanInk(firstTraining)).toBeGreaterThan(0.01);
    },
  );

  it.skipIf(!present)(
    present
      ? 'pairs each test item of the 20 runs with its answer: nearest neighbour in pixels beats chance'
      : 'real Omniglot answer keys (skipped: ../shared/data/omniglot not present)',
    () => {
      const archive = read(FILES[2]!);
      if (archive.kind !== 'oneShotRuns') throw new Error('wrong kind');
      const batch = oneShotRunsBatch(archive);
      const pixels = SIZE * SIZE;
      let correct = 0;
      for (let q = 0; q < batch.queryLabels.length; q++) {
        const t = Math.floor(q / 20);
        let best = -1;
        let bestDistance = Infinity;
        for (let c = 0; c < 20; c++) {
          let d = 0;
          for (let p = 0; p < pixels; p++) {
            const diff =
              batch.queryImages[q * pixels + p]! - batch.supportImages[(t * 20 + c) * pixels + p]!;
            d += diff * diff;
          }
          if (d < bestDistance) [bestDistance, best] = [d, c];
        }
        if (best === batch.queryLabels[q]) correct++;
      }
      // Chance is 1/20 with a standard error of about 0.011 over 400 queries; a misread answer key
      // would stay near 0.05. Lake et al. report about 0.2 for raw-pixel nearest neighbour.
      expect(correct / 400).toBeGreaterThan(0.1);
    },
  );
});

import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/core/data/errors';
import {
  readOmniglotZip,
  type AlphabetsArchive,
  type OmniglotArchive,
  type OneShotRunsArchive,
} from '../../src/core/data/omniglot';
import { mergeAlphabetArchives } from '../../src/core/data/omniglotMerge';
import { areaResampler } from '../../src/core/data/resample';
import { createRng } from '../../src/core/random/rng';
import {
  SIDE,
  alphabetsZip,
  bandDrawing,
  drawing,
  runsZip,
  zip,
} from '../helpers/omniglotFixtures';

/** Mean ink of image `index` in a block of size x size images. */
function meanInk(images: Float32Array, size: number, index: number): number {
  const pixels = images.subarray(index * size * size, (index + 1) * size * size);
  return pixels.reduce((a, b) => a + b, 0) / pixels.length;
}

function alphabets(archive: OmniglotArchive): AlphabetsArchive {
  if (archive.kind !== 'alphabets') throw new Error(`read as ${archive.kind}`);
  return archive;
}

function runs(archive: OmniglotArchive): OneShotRunsArchive {
  if (archive.kind !== 'oneShotRuns') throw new Error(`read as ${archive.kind}`);
  return archive;
}

function expectDataError(bytes: Uint8Array, message: RegExp): void {
  expect(() => readOmniglotZip(bytes, { imageSize: 28 })).toThrow(DataError);
  expect(() => readOmniglotZip(bytes, { imageSize: 28 })).toThrow(message);
}

// Each drawing is an ink band of its own width, so its mean ink (width / 105, which area
// averaging keeps exactly) tells which file it came from.
const TREE = {
  Beta: { character01: { '0201_01.png': bandDrawing(7), '0201_02.png': bandDrawing(8) } },
  Alpha: {
    character10: { '0110_01.png': bandDrawing(3) },
    character02: { '0102_02.png': bandDrawing(6), '0102_01.png': bandDrawing(5) },
    character01: { '0101_01.png': bandDrawing(1) },
  },
};

describe('Omniglot alphabet archives', () => {
  it('read alphabets and characters in name order, drawings in file order, ink = 1 on 0', () => {
    const archive = alphabets(
      readOmniglotZip(alphabetsZip('images_background', TREE), { imageSize: 28 }),
    );
    expect(archive.name).toBe('images_background');
    expect(archive.imageSize).toBe(28);
    expect(archive.characters.map((c) => `${c.alphabet}/${c.character}:${c.count}`)).toEqual([
      'Alpha/character01:1',
      'Alpha/character02:2',
      'Alpha/character10:1',
      'Beta/character01:2',
    ]);
    const widths = archive.characters.map((c) =>
      Array.from({ length: c.count }, (_, k) => meanInk(c.images, 28, k) * SIDE),
    );
    const expected = [[1], [5, 6], [3], [7, 8]];
    widths.flat().forEach((w, i) => {
      expect(w).toBeCloseTo(expected.flat()[i]!, 4);
    });
    for (const c of archive.characters) {
      expect(c.images).toHaveLength(c.count * 28 * 28);
      expect(Math.min(...c.images)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...c.images)).toBeLessThanOrEqual(1 + 1e-6);
    }
  });

  it('tolerate a missing root folder (named from the options) and a root several folders deep', () => {
    const flat = alphabets(
      readOmniglotZip(alphabetsZip('', TREE), { imageSize: 14, name: 'my_alphabets.zip' }),
    );
    expect(flat.name).toBe('my_alphabets.zip');
    expect(flat.characters).toHaveLength(4);
    const deep = alphabets(
      readOmniglotZip(alphabetsZip('data/omniglot/images_evaluation', TREE), { imageSize: 14 }),
    );
    expect(deep.name).toBe('images_evaluation');
    expect(deep.characters.map((c) => c.count)).toEqual([1, 2, 1, 2]);
  });

  it('shrink 105 to 28 pixels by area averaging (hand-derived: a 5x5 ink corner)', () => {
    // Output pixel i covers source [3.75 i, 3.75 (i + 1)). Ink in x < 5 and y < 5 covers all of
    // pixel 0 and 1.25 / 3.75 = 1/3 of pixel 1 along each axis; nearest neighbour would give 0 or 1.
    const zipped = alphabetsZip('r', {
      A: { character01: { 'a.png': drawing((x, y) => x < 5 && y < 5) } },
    });
    const image = alphabets(readOmniglotZip(zipped, { imageSize: 28 })).characters[0]!.images;
    const at = (y: number, x: number): number => image[y * 28 + x]!;
    expect(at(0, 0)).toBeCloseTo(1, 6);
    expect(at(0, 1)).toBeCloseTo(1 / 3, 6);
    expect(at(1, 0)).toBeCloseTo(1 / 3, 6);
    expect(at(1, 1)).toBeCloseTo(1 / 9, 6);
    expect(at(0, 2)).toBe(0);
    expect(image.reduce((a, b) => a + b, 0)).toBeCloseTo(1 + 2 / 3 + 1 / 9, 5);
  });

  it('ignore the metadata macOS adds to zips', () => {
    const bytes = zip({
      'set/A/character01/x.png': bandDrawing(4),
      '__MACOSX/set/A/character01/._x.png': new Uint8Array([0, 5, 22, 7]),
      'set/A/character01/._x.png': new Uint8Array([0, 5, 22, 7]),
    });
    expect(alphabets(readOmniglotZip(bytes, { imageSize: 28 })).characters[0]!.count).toBe(1);
  });
});

describe('area averaging', () => {
  it('matches a hand-derived 3x3 to 2x2 case', () => {
    // Scale 1.5: each output pixel takes 2/3 of one source pixel and 1/3 of the next per axis, so
    // out(0, 0) = (4*1 + 2*2 + 2*4 + 1*5) / 9 = 21/9, and so on.
    const out = new Float32Array(4);
    areaResampler(3, 3, 2, 2)(Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]), out, 0);
    [21 / 9, 33 / 9, 57 / 9, 69 / 9].forEach((v, i) => {
      expect(out[i]).toBeCloseTo(v, 5);
    });
  });

  it('keeps the mean of any image, and is the identity at the same size', () => {
    const rng = createRng(1, 'resample');
    const src = Float32Array.from({ length: 105 * 105 }, () => rng.next());
    const mean = (a: Float32Array): number => a.reduce((s, v) => s + v, 0) / a.length;
    for (const size of [28, 20, 64, 105, 140]) {
      const out = new Float32Array(size * size + 3);
      areaResampler(105, 105, size, size)(src, out, 3);
      expect(mean(out.subarray(3))).toBeCloseTo(mean(src), 5);
      if (size === 105) expect(out.subarray(3)).toEqual(src);
    }
  });
});

describe('Omniglot one-shot runs', () => {
  // Class k's training drawing and its test items are bands of width 10 (k + 1) and 10 (k + 1) + 2.
  const band = (k: number, extra = 0): Uint8Array => bandDrawing(10 * (k + 1) + extra);
  const RUNS = [
    {
      name: 'run02',
      training: [0, 1, 2].map((k) => band(k)),
      test: [1, 1, 0].map((k) => band(k, 2)),
      answers: [1, 1, 0],
    },
    {
      name: 'run01',
      training: [0, 1, 2].map((k) => band(k)),
      test: [2, 0, 1].map((k) => band(k, 2)),
      answers: [2, 0, 1],
    },
  ];

  it('read training in class order, test in item order, answers from class_labels.txt', () => {
    const archive = runs(readOmniglotZip(runsZip(RUNS), { imageSize: 28, name: 'all_runs.zip' }));
    expect(archive.name).toBe('all_runs.zip');
    expect(archive.runs.map((r) => r.name)).toEqual(['run01', 'run02']);
    for (const run of archive.runs) {
      const source = RUNS.find((r) => r.name === run.name)!;
      expect(Array.from(run.answers)).toEqual(source.answers);
      for (const k of [0, 1, 2]) {
        expect(meanInk(run.training, 28, k) * SIDE).toBeCloseTo(10 * (k + 1), 4);
      }
      source.answers.forEach((k, item) => {
        expect(meanInk(run.test, 28, item) * SIDE).toBeCloseTo(10 * (k + 1) + 2, 4);
      });
    }
  });
});

describe('Omniglot archives refuse other files with a DataError', () => {
  it('a file that is not a zip', () => {
    expectDataError(bandDrawing(3), /cannot be read as a zip/);
    expectDataError(new Uint8Array(0), /cannot be read as a zip/);
  });

  it('a zip with no PNG images', () => {
    expectDataError(zip({ 'notes/readme.txt': 'hello' }), /no PNG images.*Omniglot archive/);
  });

  it('a zip of PNGs in another layout, naming the layouts expected', () => {
    expectDataError(
      zip({ 'photos/cat.png': bandDrawing(2), 'photos/dog.png': bandDrawing(3) }),
      /Alphabet\/characterNN\/\*\.png.*runNN\/training\/classNN\.png.*Is it an Omniglot archive/,
    );
  });

  it('a PNG that does not fit the layout the others follow', () => {
    const bytes = zip({
      'set/A/character01/x.png': bandDrawing(4),
      'set/A/preview.png': bandDrawing(2),
    });
    expectDataError(bytes, /set\/A\/preview\.png does not fit/);
    const twoRoots = zip({
      'one/A/character01/x.png': bandDrawing(4),
      'two/A/character01/x.png': bandDrawing(4),
    });
    expectDataError(twoRoots, /different top folder/);
  });

  it('a corrupt PNG inside, naming it', () => {
    const png = bandDrawing(4).slice();
    png[png.length - 20]! ^= 0xff;
    expectDataError(
      zip({ 'set/A/character01/x.png': png }),
      /set\/A\/character01\/x\.png in the zip is not a readable PNG.*CRC/,
    );
  });

  it('runs without an answer key, with a broken one, or with missing class numbers', () => {
    const run = {
      name: 'run01',
      training: [bandDrawing(1), bandDrawing(2)],
      test: [bandDrawing(3)],
    };
    expectDataError(runsZip([{ ...run, answers: null }]), /run01 has no class_labels\.txt/);
    expectDataError(
      runsZip([{ ...run, answers: [2] }]),
      /does not name one of its 1 test items and one of its 2 training classes/,
    );
    const twice = zip({
      'run01/training/class01.png': bandDrawing(1),
      'run01/training/class02.png': bandDrawing(2),
      'run01/test/item01.png': bandDrawing(3),
      'run01/class_labels.txt':
        'run01/test/item01.png run01/training/class01.png\nrun01/test/item01.png run01/training/class02.png\n',
    });
    expectDataError(twice, /answers test item 1 twice/);
    const gap = zip({
      'run01/training/class01.png': bandDrawing(1),
      'run01/training/class03.png': bandDrawing(2),
      'run01/test/item01.png': bandDrawing(3),
      'run01/class_labels.txt': 'run01/test/item01.png run01/training/class01.png',
    });
    expectDataError(gap, /run01\/training has no class02\.png/);
  });

  it('an image size that is not a whole number of pixels from 1 to 256 (RangeError)', () => {
    const bytes = alphabetsZip('r', TREE);
    for (const imageSize of [0, 2.5, 1000, Number.NaN]) {
      expect(() => readOmniglotZip(bytes, { imageSize })).toThrow(RangeError);
    }
  });
});

describe('merging alphabet archives', () => {
  const part = (name: string, tree: Parameters<typeof alphabetsZip>[1]): AlphabetsArchive =>
    alphabets(readOmniglotZip(alphabetsZip(name, tree), { imageSize: 28 }));

  it('keep a character found in two archives once, with every distinct drawing', () => {
    const first = part('small1', {
      Greek: { character01: { 'a.png': bandDrawing(3), 'b.png': bandDrawing(4) } },
      Korean: { character01: { 'a.png': bandDrawing(5) } },
    });
    const second = part('small2', {
      Greek: { character01: { 'a.png': bandDrawing(3), 'c.png': bandDrawing(9) } },
      Latin: { character01: { 'a.png': bandDrawing(6) } },
    });
    const merged = mergeAlphabetArchives([second, first]);
    expect(merged.name).toBe('small2 + small1');
    expect(merged.characters.map((c) => `${c.alphabet}:${c.count}`)).toEqual([
      'Greek:3',
      'Korean:1',
      'Latin:1',
    ]);
    const greek = merged.characters[0]!;
    const widths = [0, 1, 2]
      .map((k) => Math.round(meanInk(greek.images, 28, k) * SIDE))
      .sort((a, b) => a - b);
    expect(widths).toEqual([3, 4, 9]);
    // Merging an archive with itself changes nothing.
    expect(mergeAlphabetArchives([first, first]).characters).toEqual(first.characters);
  });

  it('refuse archives read at different image sizes', () => {
    const small = alphabets(readOmniglotZip(alphabetsZip('a', TREE), { imageSize: 14 }));
    const large = alphabets(readOmniglotZip(alphabetsZip('b', TREE), { imageSize: 28 }));
    expect(() => mergeAlphabetArchives([small, large])).toThrow(DataError);
    expect(() => mergeAlphabetArchives([])).toThrow(DataError);
  });
});

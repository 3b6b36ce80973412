import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/core/data/errors';
import type { OmniglotCharacter, OneShotRunsArchive } from '../../src/core/data/omniglot';
import { rotateQuarterTurns } from '../../src/core/data/rotate';
import { datasetPool } from '../../src/core/classification/poolsDataset';
import { splitByAlphabet } from '../../src/core/classification/poolsSplit';
import { sampleClassificationBatch } from '../../src/core/classification/sampling';
import { oneShotRunsBatch } from '../../src/core/classification/samplingOneShotRuns';
import type { ClassificationBatch } from '../../src/core/classification/types';
import { createRng } from '../../src/core/random/rng';
import { glyphPool } from '../../src/core/tasks/glyphsPool';

const SIZE = 4;
const PIXELS = SIZE * SIZE;

/**
 * `count` characters of `drawings` 4x4 images each, in alphabets of three characters. Every pixel
 * of drawing d of character c holds c * 100 + d, so an image says where it came from.
 */
function characters(count: number, drawings = 20): OmniglotCharacter[] {
  return Array.from({ length: count }, (_, c) => ({
    alphabet: `Alphabet${Math.floor(c / 3)}`,
    character: `character${String((c % 3) + 1).padStart(2, '0')}`,
    images: Float32Array.from(
      { length: drawings * PIXELS },
      (_, i) => c * 100 + Math.floor(i / PIXELS),
    ),
    count: drawings,
  }));
}

/** [character, drawing] of every image in a block, checking all its pixels agree. */
function sources(images: Float32Array): [number, number][] {
  return Array.from({ length: images.length / PIXELS }, (_, k) => {
    const image = images.subarray(k * PIXELS, (k + 1) * PIXELS);
    expect(image.every((v) => v === image[0])).toBe(true);
    return [Math.floor(image[0]! / 100), image[0]! % 100];
  });
}

function checkShapes(
  batch: ClassificationBatch,
  tasks: number,
  ways: number,
  shots: number,
  queries: number,
): void {
  expect([batch.tasks, batch.ways, batch.shots, batch.queries]).toEqual([
    tasks,
    ways,
    shots,
    queries,
  ]);
  const pixels = batch.imageSize * batch.imageSize;
  expect(batch.supportImages).toHaveLength(tasks * ways * shots * pixels);
  expect(batch.queryImages).toHaveLength(tasks * ways * queries * pixels);
  // Class-major within a task: class 0's examples, then class 1's, ...
  expect(Array.from(batch.supportLabels)).toEqual(
    Array.from({ length: tasks * ways * shots }, (_, i) => Math.floor(i / shots) % ways),
  );
  expect(Array.from(batch.queryLabels)).toEqual(
    Array.from({ length: tasks * ways * queries }, (_, i) => Math.floor(i / queries) % ways),
  );
}

describe('sampling N-way K-shot tasks from a dataset', () => {
  const pool = datasetPool(characters(30), { rotations: false });

  it('fill shapes and class-major labels; each label one character, examples all distinct drawings', () => {
    const [tasks, ways, shots, queries] = [6, 5, 3, 4];
    const batch = sampleClassificationBatch(createRng(1, 'tasks'), pool, {
      tasks,
      ways,
      shots,
      queries,
    });
    checkShapes(batch, tasks, ways, shots, queries);
    const support = sources(batch.supportImages);
    const query = sources(batch.queryImages);
    for (let t = 0; t < tasks; t++) {
      const labelCharacters = new Set<number>();
      for (let c = 0; c < ways; c++) {
        const mine = [
          ...support.slice((t * ways + c) * shots, (t * ways + c + 1) * shots),
          ...query.slice((t * ways + c) * queries, (t * ways + c + 1) * queries),
        ];
        expect(new Set(mine.map(([character]) => character)).size).toBe(1);
        expect(new Set(mine.map(([, d]) => d)).size).toBe(shots + queries);
        labelCharacters.add(mine[0]![0]);
      }
      expect(labelCharacters.size).toBe(ways);
    }
  });

  it('repeat exactly for one seed, differ for another, and order classes at random', () => {
    const shape = { tasks: 40, ways: 5, shots: 1, queries: 1 };
    const draw = (seed: number): ClassificationBatch =>
      sampleClassificationBatch(createRng(seed, 'tasks'), pool, shape);
    expect(draw(3)).toEqual(draw(3));
    expect(draw(3).supportImages).not.toEqual(draw(4).supportImages);
    // If labels followed character order, label 0 would always hold the smallest character.
    const support = sources(draw(3).supportImages).map(([character]) => character);
    const lowestFirst = Array.from({ length: 40 }, (_, t) => {
      const task = support.slice(t * 5, t * 5 + 5);
      return task[0] === Math.min(...task);
    });
    expect(lowestFirst.filter(Boolean).length).toBeLessThan(30);
  });

  it('use every character and every drawing over many tasks', () => {
    const batch = sampleClassificationBatch(createRng(2, 'tasks'), pool, {
      tasks: 200,
      ways: 5,
      shots: 5,
      queries: 5,
    });
    const seen = sources(batch.supportImages);
    expect(new Set(seen.map(([c]) => c)).size).toBe(30);
    expect(new Set(seen.map(([, d]) => d)).size).toBe(20);
  });

  it('refuse more ways than classes, or more shots and queries than drawings, with a DataError', () => {
    const rng = createRng(1, 'tasks');
    expect(() =>
      sampleClassificationBatch(rng, pool, { tasks: 1, ways: 31, shots: 1, queries: 1 }),
    ).toThrow(/31-way task needs 31 classes, but the data holds only 30/);
    expect(() =>
      sampleClassificationBatch(rng, pool, { tasks: 1, ways: 5, shots: 15, queries: 6 }),
    ).toThrow(DataError);
    expect(() =>
      sampleClassificationBatch(rng, pool, { tasks: 0, ways: 5, shots: 1, queries: 1 }),
    ).toThrow(RangeError);
  });

  it('work with the glyph generator as well', () => {
    const batch = sampleClassificationBatch(createRng(1, 'tasks'), glyphPool(1, 'train', 12), {
      tasks: 3,
      ways: 4,
      shots: 2,
      queries: 3,
    });
    checkShapes(batch, 3, 4, 2, 3);
    expect(batch.imageSize).toBe(12);
    expect(batch.queryImages.some((v) => v > 0.5)).toBe(true);
  });
});

describe('rotations', () => {
  // 1 2 3 / 4 5 6 / 7 8 9 turned a quarter counter-clockwise is 3 6 9 / 2 5 8 / 1 4 7.
  const image = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const turned = [
    [1, 2, 3, 4, 5, 6, 7, 8, 9],
    [3, 6, 9, 2, 5, 8, 1, 4, 7],
    [9, 8, 7, 6, 5, 4, 3, 2, 1],
    [7, 4, 1, 8, 5, 2, 9, 6, 3],
  ];

  it('turn an asymmetric image by quarter turns counter-clockwise, four turns being none', () => {
    for (let q = 0; q < 6; q++) {
      const out = new Float32Array(11);
      rotateQuarterTurns(image, 0, 3, q, out, 2);
      expect(Array.from(out.subarray(2))).toEqual(turned[q % 4]);
    }
  });

  it('make four classes of each character, ids character * 4 + quarter turns', () => {
    const pool = datasetPool(
      [
        { alphabet: 'A', character: 'character01', images: image, count: 1 },
        { alphabet: 'A', character: 'character02', images: image.map((v) => -v), count: 1 },
      ],
      { rotations: true },
    );
    expect(pool.classCount).toBe(8);
    expect(pool.imageSize).toBe(3);
    for (let id = 0; id < 8; id++) {
      const out = new Float32Array(9);
      pool.drawExamples(createRng(1, 'x'), id, 1, out, 0);
      const sign = id < 4 ? 1 : -1;
      expect(Array.from(out)).toEqual(turned[id % 4]!.map((v) => sign * v));
      expect(pool.describe(id)).toEqual({
        alphabet: 'A',
        character: `character0${id < 4 ? 1 : 2}`,
        degrees: (id % 4) * 90,
      });
    }
    expect(datasetPool(characters(5), { rotations: false }).classCount).toBe(5);
  });

  it('refuse characters whose images are not square or not all one size', () => {
    expect(() => datasetPool([], { rotations: false })).toThrow(DataError);
    const odd = { alphabet: 'A', character: 'c', images: new Float32Array(10), count: 2 };
    expect(() => datasetPool([odd], { rotations: false })).toThrow(DataError);
    const nine = { alphabet: 'A', character: 'd', images: new Float32Array(9), count: 1 };
    expect(() => datasetPool([...characters(1), nine], { rotations: false })).toThrow(
      /different sizes/,
    );
  });
});

describe('splitting by alphabet', () => {
  const all = characters(30); // Alphabet0 .. Alphabet9, three characters each

  it('hold out named alphabets: no alphabet on both sides, nothing lost', () => {
    const split = splitByAlphabet(all, ['Alphabet7', 'Alphabet2']);
    expect(split.testAlphabets).toEqual(['Alphabet2', 'Alphabet7']);
    expect(split.test).toHaveLength(6);
    expect(split.train).toHaveLength(24);
    const trainAlphabets = new Set(split.train.map((c) => c.alphabet));
    expect(split.test.some((c) => trainAlphabets.has(c.alphabet))).toBe(false);
  });

  it('hold out a count chosen by a seeded rng: same seed same split, others differ', () => {
    const held = (seed: number): readonly string[] =>
      splitByAlphabet(all, { count: 3, rng: createRng(seed, 'split') }).testAlphabets;
    expect(held(1)).toEqual(held(1));
    expect(held(1)).toHaveLength(3);
    expect(new Set([1, 2, 3, 4, 5, 6].map((s) => held(s).join())).size).toBeGreaterThan(1);
  });

  it('refuse unknown alphabets and splits that leave one side empty', () => {
    expect(() => splitByAlphabet(all, ['Klingon'])).toThrow(
      /no alphabet named Klingon; the alphabets are Alphabet0/,
    );
    expect(() => splitByAlphabet(all, [])).toThrow(DataError);
    expect(() => splitByAlphabet(all, { count: 10, rng: createRng(1, 's') })).toThrow(
      /none to train on/,
    );
  });
});

describe('one-shot runs as a batch', () => {
  // Two 3-way runs of 2x2 images; class k's training image is all k, a test item all 10 + its answer.
  const run = (name: string, answers: number[]): OneShotRunsArchive['runs'][number] => ({
    name,
    training: Float32Array.from({ length: 12 }, (_, i) => Math.floor(i / 4)),
    test: Float32Array.from(
      { length: answers.length * 4 },
      (_, i) => 10 + answers[Math.floor(i / 4)]!,
    ),
    answers: Int32Array.from(answers),
  });
  const archive: OneShotRunsArchive = {
    kind: 'oneShotRuns',
    name: 'runs',
    imageSize: 2,
    runs: [run('run01', [2, 0, 1]), run('run02', [1, 2, 0])],
  };

  it('support = training images labelled 0..N-1, queries regrouped by class with their item numbers', () => {
    const batch = oneShotRunsBatch(archive);
    checkShapes(batch, 2, 3, 1, 1);
    expect(batch.runNames).toEqual(['run01', 'run02']);
    expect(Array.from(batch.supportImages.filter((_, i) => i % 4 === 0))).toEqual([
      0, 1, 2, 0, 1, 2,
    ]);
    expect(Array.from(batch.queryImages.filter((_, i) => i % 4 === 0))).toEqual([
      10, 11, 12, 10, 11, 12,
    ]);
    // run01: class 0 is item 2, class 1 item 3, class 2 item 1 (0-based: 1, 2, 0).
    expect(Array.from(batch.queryItems)).toEqual([1, 2, 0, 2, 0, 1]);
    expect(oneShotRunsBatch(archive, [1]).runNames).toEqual(['run02']);
  });

  it('refuse answer keys that give classes unequal numbers of items', () => {
    const uneven = { ...archive, runs: [run('run01', [0, 0, 1])] };
    expect(() => oneShotRunsBatch(uneven)).toThrow(/same number of test items/);
    expect(() => oneShotRunsBatch(archive, [5])).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/random/rng';
import { drawGlyph, glyphClass } from '../../src/core/tasks/glyphs';
import { glyphPool, glyphSplitOf } from '../../src/core/tasks/glyphsPool';
import { sampleClassificationBatch } from '../../src/core/classification/sampling';

const SIZE = 28;
const PIXELS = SIZE * SIZE;

function squaredDistance(a: Float32Array, i: number, b: Float32Array, j: number): number {
  let sum = 0;
  for (let p = 0; p < PIXELS; p++) {
    const d = a[i * PIXELS + p]! - b[j * PIXELS + p]!;
    sum += d * d;
  }
  return sum;
}

describe('synthetic glyphs', () => {
  it('define a class by (seed, id) alone: same strokes every time, new strokes for a new id or seed', () => {
    expect(glyphClass(5, 1234)).toEqual(glyphClass(5, 1234));
    expect(glyphClass(5, 1234).strokes).not.toEqual(glyphClass(5, 1235).strokes);
    expect(glyphClass(5, 1234).strokes).not.toEqual(glyphClass(6, 1234).strokes);
    for (let id = 0; id < 200; id++) {
      const { strokes } = glyphClass(1, id * 7919);
      expect(strokes.length).toBeGreaterThanOrEqual(1);
      expect(strokes.length).toBeLessThanOrEqual(4);
      for (const s of strokes) for (const v of s.points) expect(v >= 0 && v <= 1).toBe(true);
    }
  });

  it('give 20,000 ids 20,000 different glyphs (no two ids share a generator)', () => {
    const seen = new Set<string>();
    for (let id = 0; id < 20_000; id++) seen.add(JSON.stringify(glyphClass(3, id).strokes));
    expect(seen.size).toBe(20_000);
  });

  it('draw anti-aliased ink in [0, 1] on a clear background, overwriting the target', () => {
    const out = new Float32Array(3 * PIXELS).fill(0.7);
    const rng = createRng(2, 'draw');
    drawGlyph(glyphClass(2, 10), rng, SIZE, out, PIXELS);
    const image = out.subarray(PIXELS, 2 * PIXELS);
    expect(out[0]).toBeCloseTo(0.7);
    expect(out[2 * PIXELS]).toBeCloseTo(0.7);
    expect(Math.min(...image)).toBe(0);
    expect(Math.max(...image)).toBe(1);
    // Anti-aliased: some pixels lie strictly between paper and full ink.
    expect(image.some((v) => v > 0.05 && v < 0.95)).toBe(true);
    const inked = image.filter((v) => v > 0.5).length;
    expect(inked).toBeGreaterThan(10);
    expect(inked).toBeLessThan(PIXELS / 2);
    // The margins leave room for the jitter: this glyph keeps clear of the border.
    for (let i = 0; i < SIZE; i++) {
      expect(
        image[i]! + image[(SIZE - 1) * SIZE + i]! + image[i * SIZE]! + image[i * SIZE + SIZE - 1]!,
      ).toBe(0);
    }
  });

  it('redraw a class the same way for the same rng and differently for another', () => {
    const glyph = glyphClass(4, 77);
    const draw = (stream: string): Float32Array => {
      const out = new Float32Array(PIXELS);
      drawGlyph(glyph, createRng(1, stream), SIZE, out, 0);
      return out;
    };
    expect(draw('a')).toEqual(draw('a'));
    expect(draw('a')).not.toEqual(draw('b'));
  });

  it('are distinguishable but not trivial: closer within a class, nearest neighbour well above chance and short of perfect', () => {
    const tasks = 200;
    const batch = sampleClassificationBatch(createRng(8, 'tasks'), glyphPool(8, 'train', SIZE), {
      tasks,
      ways: 5,
      shots: 1,
      queries: 1,
    });
    let within = 0;
    let between = 0;
    let correct = 0;
    for (let t = 0; t < tasks; t++) {
      for (let c = 0; c < 5; c++) {
        const distances = [0, 1, 2, 3, 4].map((s) =>
          squaredDistance(batch.queryImages, t * 5 + c, batch.supportImages, t * 5 + s),
        );
        within += distances[c]!;
        between += (distances.reduce((a, b) => a + b, 0) - distances[c]!) / 4;
        if (distances.indexOf(Math.min(...distances)) === c) correct++;
      }
    }
    expect(within).toBeGreaterThan(0);
    expect(within).toBeLessThan(between);
    // 5-way 1-shot by raw-pixel nearest neighbour: chance is 0.2 (standard error 0.013 over 1000
    // queries). Far above chance means classes differ; below 0.98 means the task is not trivial.
    expect(correct / (tasks * 5)).toBeGreaterThan(0.4);
    expect(correct / (tasks * 5)).toBeLessThan(0.98);
  });
});

describe('glyph pools for meta-training and meta-testing', () => {
  it('never share a class: train ids are even, test ids odd, for any rng', () => {
    const train = glyphPool(3, 'train', SIZE);
    const test = glyphPool(3, 'test', SIZE);
    const rng = createRng(3, 'pick');
    const trainIds = new Set(Array.from({ length: 200 }, () => train.pickClasses(rng, 20)).flat());
    const testIds = new Set(Array.from({ length: 200 }, () => test.pickClasses(rng, 20)).flat());
    expect([...trainIds].every((id) => id % 2 === 0 && glyphSplitOf(id) === 'train')).toBe(true);
    expect([...testIds].every((id) => id % 2 === 1 && glyphSplitOf(id) === 'test')).toBe(true);
    expect([...trainIds].some((id) => testIds.has(id))).toBe(false);
    expect(trainIds.size).toBeGreaterThan(3900); // 4000 draws from 2^31 ids: repeats are rare
  });

  it("pick distinct classes within a task and refuse to draw another pool's class", () => {
    const train = glyphPool(3, 'train', SIZE);
    const ids = train.pickClasses(createRng(1, 'pick'), 50);
    expect(new Set(ids).size).toBe(50);
    const testId = glyphPool(3, 'test', SIZE).pickClasses(createRng(1, 'pick'), 1)[0]!;
    expect(() => {
      train.drawExamples(createRng(1, 'x'), testId, 1, new Float32Array(PIXELS), 0);
    }).toThrow(RangeError);
  });

  it('are unlimited and render at the size asked for', () => {
    const pool = glyphPool(1, 'test', 20);
    expect(pool.classCount).toBe(Infinity);
    expect(pool.examplesPerClass).toBe(Infinity);
    expect(pool.imageSize).toBe(20);
    expect(() => glyphPool(1, 'test', 2.5)).toThrow(RangeError);
  });
});

/**
 * The key a backend measurement is kept under: it must change when the model changes materially
 * (another network kind, a much larger or smaller meta-iteration) and not otherwise.
 */
import { describe, expect, it } from 'vitest';
import {
  costKey,
  forwardWork,
  timedConfig,
  workBucket,
  workPerIteration,
} from '../../src/core/bench/costKey';
import { configWith } from '../helpers/sessions';

describe('the work of one meta-iteration', () => {
  it('counts the multiply-adds of a forward pass by hand', () => {
    // 1-40-40-1: 40 + 1600 + 40.
    expect(forwardWork(configWith())).toBe(1680);
    // 12x12 image through four stride-2 3x3 convolutions of 4 filters: 6x6, 3x3, 2x2, 1x1, then
    // a 3-way head: 36*9*1*4 + 9*9*4*4 + 4*9*4*4 + 1*9*4*4 + 1*4*3.
    const conv = configWith('task=glyphs', 'imageSize=12', 'filters=4', 'ways=3');
    expect(forwardWork(conv)).toBe(1296 + 1296 + 576 + 144 + 12);
  });

  it('grows with the tasks and points of a meta-batch, and with second-order passes', () => {
    const base = configWith();
    expect(workPerIteration(configWith('metaBatch=50'))).toBe(2 * workPerIteration(base));
    expect(workPerIteration(configWith('firstOrder=true'))).toBeLessThan(workPerIteration(base));
    const sinusoid = workPerIteration(base);
    // 25 tasks x (2 x 3 x 2 + 3) passes x 20 points x 1680.
    expect(sinusoid).toBe(25 * 15 * 20 * 1680);
  });
});

describe('the cost key', () => {
  it('ignores settings that change no tensor shape: rates, seed, run length, evaluation', () => {
    const base = costKey(configWith());
    for (const pair of ['innerLr=0.05', 'metaLr=0.01', 'seed=9', 'iterations=10', 'evalTasks=50']) {
      expect(costKey(configWith(pair)), pair).toBe(base);
    }
  });

  it('tells a sinusoid MLP from a conv net and from an image MLP', () => {
    const kinds = [
      configWith(),
      configWith('task=glyphs'),
      configWith('task=glyphs', 'network=mlp'),
    ].map((config) => costKey(config).split('/')[0]);
    expect(kinds).toEqual(['sine-mlp', 'image-conv', 'image-mlp']);
  });

  it('moves with a material change of size (16 times the work), not with a slight one', () => {
    expect(costKey(configWith('metaBatch=200'))).not.toBe(costKey(configWith('metaBatch=12')));
    expect(costKey(configWith('metaBatch=26'))).toBe(costKey(configWith('metaBatch=25')));
    expect(workBucket(1000)).toBe(workBucket(1001));
    expect(workBucket(16_000)).toBe(workBucket(1000) + 2);
  });

  it('times Omniglot on glyphs of the same shapes, under the same key, and says so', () => {
    const omniglot = configWith('task=omniglot', 'ways=5', 'shots=1', 'imageSize=28');
    const timed = timedConfig(omniglot);
    expect(timed.config).toEqual({ ...omniglot, task: 'glyphs' });
    expect(timed.note).toMatch(/glyphs of the same shapes/);
    expect(costKey(omniglot)).toBe(costKey({ ...omniglot, task: 'glyphs' }));
    expect(timedConfig(configWith()).note).toBeNull();
  });
});

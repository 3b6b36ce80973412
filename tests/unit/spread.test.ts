import { describe, expect, it } from 'vitest';
import { formatSpread, spreadOf } from '../../src/core/bench/spread';

describe('spreadOf', () => {
  it('gives the median and quartiles of an odd count, by hand', () => {
    // Sorted: 1 2 3 4 5; positions 1, 2, 3 of 0..4.
    expect(spreadOf([5, 1, 4, 2, 3])).toEqual({ median: 3, q1: 2, q3: 4, count: 5 });
  });

  it('interpolates between order statistics for an even count', () => {
    // Sorted: 10 20 30 40; median at 1.5, q1 at 0.75, q3 at 2.25.
    const spread = spreadOf([40, 10, 30, 20]);
    expect(spread.median).toBeCloseTo(25, 12);
    expect(spread.q1).toBeCloseTo(17.5, 12);
    expect(spread.q3).toBeCloseTo(32.5, 12);
  });

  it('is the value itself for one measurement, and refuses none', () => {
    expect(spreadOf([7])).toEqual({ median: 7, q1: 7, q3: 7, count: 1 });
    expect(() => spreadOf([])).toThrow();
  });

  it('formats with the run count', () => {
    expect(formatSpread(spreadOf([1, 2, 3]), 2)).toBe('2.00 (IQR 1.50-2.50, 3 runs)');
  });
});

/**
 * The per-iteration log behind the results file: appends share one buffer without changing what
 * an earlier log reads, a run resumed from an earlier iteration replaces what came after, and a
 * gap starts the log again. Expected values are written out by hand.
 */
import { describe, expect, it } from 'vitest';
import {
  appendToLog,
  emptyIterationLog,
  logValues,
  nextIteration,
  truncateLog,
} from '../../src/ui/results/iterationLog';

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe('the iteration log', () => {
  it('keeps every value however many, and earlier logs read what they held', () => {
    let log = emptyIterationLog();
    const earlier = [];
    for (let first = 1; first <= 5_000; first += 250) {
      earlier.push(log);
      log = appendToLog(log, range(first, 250), first);
    }
    expect(log.length).toBe(5_000);
    expect(logValues(log)).toEqual(range(1, 5_000));
    expect(nextIteration(log)).toBe(5_001);
    for (const [i, before] of earlier.entries())
      expect(logValues(before)).toEqual(range(1, i * 250));
  });

  it('replaces iterations reported again, leaving the older log as it was', () => {
    const log = appendToLog(emptyIterationLog(), [10, 20, 30, 40], 1);
    const resumed = appendToLog(log, [2.5, 3.5], 2);
    expect(logValues(resumed)).toEqual([10, 2.5, 3.5]);
    expect(logValues(log)).toEqual([10, 20, 30, 40]);
    expect(logValues(truncateLog(log, 2))).toEqual([10, 20]);
    expect(truncateLog(log, 0)).toEqual(emptyIterationLog(1));
  });

  it('starts again after a gap, at the first iteration it is given', () => {
    const log = appendToLog(emptyIterationLog(), [1, 2], 1);
    const after = appendToLog(log, [7, 8], 7);
    expect(after.firstIteration).toBe(7);
    expect(logValues(after)).toEqual([7, 8]);
  });
});

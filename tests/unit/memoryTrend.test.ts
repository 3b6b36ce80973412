import { describe, expect, it } from 'vitest';
import { memoryTrend, type MemorySample } from '../../src/core/bench/memoryTrend';
import { createRng } from '../../src/core/random/rng';

const MIB = 2 ** 20;

/** `count` samples at iterations 0, 100, ...: `bytes(at)` plus uniform noise of +-`noise` bytes. */
function series(count: number, bytes: (at: number) => number, noise = 0): MemorySample[] {
  const rng = createRng(7, 'memory noise');
  return Array.from({ length: count }, (_, i) => {
    const at = i * 100;
    return { at, bytes: bytes(at) + rng.uniform(-1, 1) * noise };
  });
}

describe('memoryTrend', () => {
  it('finds a flat series with noise flat, after a warm-up that grows', () => {
    // 300 MiB after a climb from 200 MiB over the first 10% of the run; noise of +-8 MiB.
    const samples = series(
      101,
      (at) => (at < 1000 ? 200 * MIB + at * 0.1 * MIB : 300 * MIB),
      8 * MIB,
    );
    const trend = memoryTrend(samples);
    expect(trend.flat).toBe(true);
    expect(Math.abs(trend.fittedGrowth)).toBeLessThan(trend.allowed);
    expect(trend.median).toBeGreaterThan(290 * MIB);
    expect(trend.median).toBeLessThan(310 * MIB);
    expect(trend.warmedUp.at).toBe(2000);
    expect(trend.end.at).toBe(10_000);
  });

  it('finds a steady leak not flat, and measures its slope', () => {
    // 5 KiB per iteration: 40 MiB over the 8,000 iterations after the warm-up, on 300 MiB.
    const leak = 5 * 1024;
    const trend = memoryTrend(series(101, (at) => 300 * MIB + at * leak, 2 * MIB));
    expect(trend.flat).toBe(false);
    expect(trend.slope).toBeGreaterThan(0.9 * leak);
    expect(trend.slope).toBeLessThan(1.1 * leak);
    expect(trend.quartileGrowth).toBeGreaterThan(25 * MIB);
  });

  it('gives the exact slope and quartile difference of a straight line', () => {
    // 10 samples; warm-up ends at at=180, so at=200..900 remain (8 samples, quarters of 2).
    const trend = memoryTrend(series(10, (at) => 1000 + 2 * at));
    expect(trend.slope).toBeCloseTo(2, 12);
    expect(trend.fittedGrowth).toBeCloseTo(1400, 9);
    // Last quarter (800, 900): median 2700; first (200, 300): median 1500.
    expect(trend.quartileGrowth).toBeCloseTo(1200, 9);
  });

  it('allows the larger of the share and the bytes', () => {
    const big = memoryTrend(series(20, () => 1000 * MIB));
    expect(big.allowed).toBeCloseTo(50 * MIB, 3);
    const small = memoryTrend(series(20, () => 100 * MIB));
    expect(small.allowed).toBe(20 * MIB);
  });

  it('does not take one spike, as a late garbage collection leaves, for a leak', () => {
    // One sample 60 MiB up, three quarters of the way: neither measure reaches 20 MiB.
    const samples = series(41, (at) => (at === 3000 ? 160 * MIB : 100 * MIB));
    expect(memoryTrend(samples).flat).toBe(true);
  });

  it('refuses too few samples after the warm-up', () => {
    expect(() => memoryTrend(series(3, () => MIB))).toThrow(/at least 4/);
    expect(() => memoryTrend([])).toThrow();
  });
});

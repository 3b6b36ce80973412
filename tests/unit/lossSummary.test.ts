/**
 * The loss chart's caption compares like with like: the moving average now against the mean of
 * the run's first window, never against the first iteration alone, which is one noisy draw.
 */
import { describe, expect, it } from 'vitest';
import { lossCurve } from '../../src/ui/charts/lossCurve';
import { firstWindowMean, lossSummary } from '../../src/ui/charts/lossSummary';
import { appendLosses, emptyLossSeries } from '../../src/ui/store/lossSeries';

const SPAN = 30;

/**
 * A run whose first iteration happens to be low (2.16), whose loss then sits near 3.5 for the
 * first window and falls to about 2.19 by iteration 600: it went down, not up.
 */
function fallingRunWithLuckyStart() {
  const losses: number[] = [2.16];
  for (let i = 1; i < 600; i += 1) {
    const level = i < 100 ? 3.5 : 3.5 - (1.31 * (i - 100)) / 500;
    losses.push(level + (i % 2 === 0 ? 0.2 : -0.2));
  }
  return appendLosses(emptyLossSeries(), losses, 1);
}

describe('loss summary', () => {
  it('says the loss went down from the first window when the first iteration alone was low', () => {
    const series = fallingRunWithLuckyStart();
    const curve = lossCurve(series, SPAN);
    const summary = lossSummary(curve, series, SPAN);
    expect(summary).toMatch(/: down from 3\.4\d averaged over the first 30 iterations\.$/);
    expect(summary).not.toContain('2.16');
    expect(summary).toMatch(/is 2\.\d\d:/);
  });

  it('takes the first window in iterations, whatever the series stride', () => {
    const series = {
      ...emptyLossSeries(),
      stride: 4,
      values: new Float32Array([1, 3, 5, 100]),
      lastIteration: 16,
    };
    // 10 iterations are the first three points (12 iterations) rounded up.
    expect(firstWindowMean(series, 10)).toBe(3);
    expect(firstWindowMean({ ...series, values: new Float32Array([NaN, 2]) }, 8)).toBe(2);
    expect(firstWindowMean({ ...series, values: new Float32Array([]) }, 8)).toBeNull();
  });

  it('makes no comparison before the run is longer than one window', () => {
    const series = appendLosses(emptyLossSeries(), [4, 3, 2], 1);
    const summary = lossSummary(lossCurve(series, SPAN), series, SPAN);
    expect(summary).toMatch(
      /^At iteration 3 the meta-training loss, averaged over about 30 iterations, is [\d.]+\.$/,
    );
  });
});

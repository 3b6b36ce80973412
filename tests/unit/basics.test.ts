import { describe, expect, it } from 'vitest';
import { createRng, restoreRng } from '../../src/core/random/rng';
import { SINUSOID, sampleSinusoidBatch, sinusoidValue } from '../../src/core/tasks/sinusoid';
import { Adam } from '../../src/core/optim/adam';

describe('seeded random streams', () => {
  it('repeat exactly for the same seed and stream, and differ across seeds and streams', () => {
    const draw = (seed: number, stream: string): number[] => {
      const rng = createRng(seed, stream);
      return Array.from({ length: 100 }, () => rng.next());
    };
    expect(draw(3, 'tasks')).toEqual(draw(3, 'tasks'));
    expect(draw(3, 'tasks')).not.toEqual(draw(4, 'tasks'));
    expect(draw(3, 'tasks')).not.toEqual(draw(3, 'init'));
    expect(draw(0, 'tasks')).not.toEqual(draw(2 ** 32 - 1, 'tasks'));
  });

  it('continue the same sequence after save and restore, spare normal draw included', () => {
    const rng = createRng(9, 'tasks');
    rng.normal(); // leaves a cached second draw behind
    const saved = structuredClone(rng.save());
    const expected = [rng.normal(), rng.next(), rng.uniform(2, 3), rng.normal()];
    const restored = restoreRng(saved);
    expect([restored.normal(), restored.next(), restored.uniform(2, 3), restored.normal()]).toEqual(
      expected,
    );
  });

  it('draw uniform and normal values with the right moments', () => {
    const rng = createRng(1, 'moments');
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    let normalSum = 0;
    let normalSq = 0;
    let low = Infinity;
    let high = -Infinity;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform(-1, 3);
      low = Math.min(low, u);
      high = Math.max(high, u);
      sum += u;
      sumSq += u * u;
      const z = rng.normal();
      normalSum += z;
      normalSq += z * z;
    }
    expect(low).toBeGreaterThanOrEqual(-1);
    expect(high).toBeLessThan(3);
    // Uniform(-1, 3): mean 1, variance 16/12. Standard errors are about 0.003 and 0.005.
    expect(sum / n).toBeCloseTo(1, 1);
    expect(sumSq / n - (sum / n) ** 2).toBeCloseTo(16 / 12, 1);
    expect(normalSum / n).toBeCloseTo(0, 1);
    expect(normalSq / n).toBeCloseTo(1, 1);
  });
});

describe('sinusoid tasks', () => {
  it('sample amplitude, phase and inputs in the MAML paper ranges, with y = A sin(x - phase)', () => {
    const batch = sampleSinusoidBatch(createRng(2, 'tasks'), 50, 10, 15);
    expect(batch.supportX).toHaveLength(500);
    expect(batch.queryY).toHaveLength(750);
    for (let t = 0; t < 50; t++) {
      const a = batch.amplitude[t]!;
      const p = batch.phase[t]!;
      expect(a >= SINUSOID.amplitude[0] && a < SINUSOID.amplitude[1]).toBe(true);
      expect(p >= SINUSOID.phase[0] && p < SINUSOID.phase[1]).toBe(true);
      for (let i = t * 10; i < (t + 1) * 10; i++) {
        const x = batch.supportX[i]!;
        expect(Math.abs(x)).toBeLessThanOrEqual(5);
        expect(batch.supportY[i]).toBeCloseTo(sinusoidValue(a, p, x), 4);
      }
    }
    expect(sinusoidValue(2, 0.5, 0.5 + Math.PI / 2)).toBeCloseTo(2, 12);
  });
});

describe('Adam', () => {
  it('takes a first step of about the learning rate against the gradient sign, as derived', () => {
    // After one step m_hat = g and v_hat = g^2, so the update is lr * g / (|g| + eps).
    const params = [Float32Array.from([1, -2, 0.5])];
    const adam = new Adam(params, { learningRate: 0.1 });
    adam.step(params, [[4, -0.001, 0]]);
    expect(params[0]![0]).toBeCloseTo(0.9, 6);
    expect(params[0]![1]).toBeCloseTo(-1.9, 4);
    expect(params[0]![2]).toBe(0.5);
  });

  it('minimises a quadratic', () => {
    const params = [Float32Array.from([3, -4])];
    const adam = new Adam(params, { learningRate: 0.05 });
    for (let i = 0; i < 2000; i++) adam.step(params, [Array.from(params[0]!, (p) => 2 * p)]);
    expect(Math.abs(params[0]![0]!)).toBeLessThan(1e-2);
    expect(Math.abs(params[0]![1]!)).toBeLessThan(1e-2);
  });
});

import { describe, expect, it } from 'vitest';
import {
  MAX_SEEDS,
  acrossSeeds,
  evaluationAcrossSeeds,
  meanCurveAcrossSeeds,
  studentT975,
} from '../../src/core/results/acrossSeeds';
import type { Evaluation } from '../../src/core/results/evaluation';

/** Student's t density with `df` degrees of freedom, from its definition. */
function tDensity(x: number, df: number): number {
  const logGamma = (z: number): number => {
    // Lanczos approximation (g = 7), accurate to about 1e-15 for z > 0.5.
    const c = [
      0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531,
      -176.6150291621406, 12.507343278686905, -0.13857109526572012, 9.984369578019572e-6,
      1.5056327351493116e-7,
    ];
    let sum = c[0]!;
    for (let i = 1; i < 9; i++) sum += c[i]! / (z - 1 + i);
    const t = z - 1 + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (z - 0.5) * Math.log(t) - t + Math.log(sum);
  };
  const logNorm = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logNorm - ((df + 1) / 2) * Math.log(1 + (x * x) / df));
}

/** P(T <= q) by Simpson's rule on [0, q], plus the half below 0. */
function tCdf(q: number, df: number): number {
  const n = 20000;
  const h = q / n;
  let sum = tDensity(0, df) + tDensity(q, df);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * tDensity(i * h, df);
  return 0.5 + (sum * h) / 3;
}

describe('the t quantiles', () => {
  it('put 97.5% of the t distribution below them for 1 to 19 degrees of freedom', () => {
    for (let df = 1; df < MAX_SEEDS; df++) {
      // Three decimals: the quantile is within 0.0005, so the probability within its density's
      // height times that (at most 0.0005 * 0.4).
      const tolerance = 0.0005 * tDensity(studentT975(df), df) + 1e-6;
      expect(Math.abs(tCdf(studentT975(df), df) - 0.975), `df ${df}`).toBeLessThan(tolerance);
    }
  });

  it('refuses degrees of freedom outside the table', () => {
    expect(() => studentT975(0)).toThrow(RangeError);
    expect(() => studentT975(MAX_SEEDS)).toThrow(RangeError);
  });
});

describe('a figure across seeds', () => {
  it('is the mean with a t interval worked by hand', () => {
    // Values 1, 2, 3, 6: mean 3, sample variance (4 + 1 + 0 + 9) / 3 = 14 / 3.
    const { mean, ci95 } = acrossSeeds([1, 2, 3, 6]);
    expect(mean).toBe(3);
    expect(ci95).toBeCloseTo((3.182 * Math.sqrt(14 / 3)) / 2, 12);
  });

  it('has no interval with one seed', () => {
    const { mean, ci95 } = acrossSeeds([0.25]);
    expect(mean).toBe(0.25);
    expect(ci95).toBeNaN();
  });
});

const curve = (mean: number[]) => ({ mean, ci95: mean.map(() => 0.1) });

function evaluation(lead: number[], pretrained: number[], accuracy: number[] | null): Evaluation {
  const model = (id: string, role: 'learner' | 'baseline', mean: number[]) => ({
    id,
    role,
    loss: curve(mean),
    accuracy: accuracy ? curve(accuracy) : null,
    iteration: 10,
    msPerIteration: 2,
    divergence: null,
  });
  return {
    steps: [0, 1],
    tasks: 50,
    lossKind: 'mse',
    models: [
      model('maml', 'learner', lead),
      model('pretrained', 'baseline', pretrained),
      model('scratch', 'baseline', [4, 4]),
    ],
  };
}

describe('an evaluation across seeds', () => {
  it('summarises every model and step from the seeds means, keeping ids and order', () => {
    const summary = evaluationAcrossSeeds([
      evaluation([2, 1], [3, 2.5], [0.5, 0.6]),
      evaluation([4, 2], [3, 1.5], [0.7, 0.8]),
    ]);
    expect(summary.models.map((m) => m.id)).toEqual(['maml', 'pretrained', 'scratch']);
    const maml = summary.models[0]!;
    expect(maml.loss.mean).toEqual([3, 1.5]);
    // Two seeds: ci = 12.706 * sd / sqrt(2), sd of (2, 4) is sqrt(2), of (1, 2) is sqrt(0.5).
    expect(maml.loss.ci95[0]).toBeCloseTo(12.706, 12);
    expect(maml.loss.ci95[1]).toBeCloseTo(12.706 / 2, 12);
    expect(maml.accuracy!.mean[1]).toBeCloseTo(0.7, 12);
    expect(summary.models[2]!.loss.ci95).toEqual([0, 0]);
    expect(summary.tasks).toBe(50);
  });

  it('refuses evaluations of different settings', () => {
    const short = { ...evaluation([1, 1], [1, 1], null), steps: [0] };
    const other = {
      ...short,
      models: short.models.map((m) => ({ ...m, loss: curve([1]) })),
    };
    expect(() => evaluationAcrossSeeds([evaluation([1, 1], [1, 1], null), other])).toThrow(
      /differ in maml/,
    );
  });

  it('averages training curves over the iterations every seed reached', () => {
    expect(
      meanCurveAcrossSeeds([
        [1, 2, 3],
        [3, 4],
      ]),
    ).toEqual([2, 3]);
    expect(meanCurveAcrossSeeds([])).toEqual([]);
  });
});

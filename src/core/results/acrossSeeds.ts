/**
 * Several seeds of one experiment summarised: each seed's held-out mean is one sample, and the
 * summary is their mean with a 95% interval across seeds (Student's t, since there are at most 20).
 * The interval says how much a figure moves from seed to seed: training, initialisation and the
 * held-out tasks all change with the seed.
 */
import type { Evaluation, ModelCurves } from './evaluation';
import type { AdaptationCurve } from './types';

/** Most seeds one experiment runs. */
export const MAX_SEEDS = 20;

/**
 * The 0.975 quantile of Student's t distribution for 1 to MAX_SEEDS - 1 degrees of freedom (three
 * decimals; a unit test integrates the density to check each).
 */
const T_975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145,
  2.131, 2.12, 2.11, 2.101, 2.093,
];

/** The two-sided 95% quantile for `df` degrees of freedom (1 to 19). */
export function studentT975(df: number): number {
  const quantile = T_975[df - 1];
  if (quantile === undefined) throw new RangeError(`no t quantile for ${df} degrees of freedom`);
  return quantile;
}

/** Mean of the seeds' values and the half-width of its 95% interval; NaN with one seed. */
export function acrossSeeds(values: readonly number[]): { mean: number; ci95: number } {
  const n = values.length;
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  if (n < 2) return { mean, ci95: Number.NaN };
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1);
  return { mean, ci95: (studentT975(n - 1) * Math.sqrt(variance)) / Math.sqrt(n) };
}

function curveAcrossSeeds(curves: readonly AdaptationCurve[]): AdaptationCurve {
  const mean: number[] = [];
  const ci95: number[] = [];
  for (let step = 0; step < curves[0]!.mean.length; step++) {
    const summary = acrossSeeds(curves.map((curve) => curve.mean[step]!));
    mean.push(summary.mean);
    ci95.push(summary.ci95);
  }
  return { mean, ci95 };
}

function modelAcrossSeeds(models: readonly ModelCurves[]): ModelCurves {
  const first = models[0]!;
  const accuracies = models.map((model) => model.accuracy);
  const stopped = models.map((model) => model.divergence).filter((reason) => reason !== null);
  return {
    id: first.id,
    role: first.role,
    loss: curveAcrossSeeds(models.map((model) => model.loss)),
    accuracy: accuracies.every((curve) => curve !== null) ? curveAcrossSeeds(accuracies) : null,
    // The fewest iterations any seed reached: the summary claims no more training than that.
    iteration: Math.min(...models.map((model) => model.iteration)),
    msPerIteration: acrossSeeds(models.map((model) => model.msPerIteration)).mean,
    divergence:
      stopped.length === 0 ? null : `${stopped.length} of ${models.length} seeds: ${stopped[0]}`,
  };
}

/**
 * The seeds' evaluations as one: per model and step, the mean of the seeds' means with a 95%
 * interval across seeds. Every evaluation must have the same models and steps (the same settings).
 */
export function evaluationAcrossSeeds(evaluations: readonly Evaluation[]): Evaluation {
  const first = evaluations[0];
  if (first === undefined) throw new RangeError('no evaluations to summarise');
  const models = first.models.map((model) => {
    const perSeed = evaluations.map((evaluation) => {
      const same = evaluation.models.find((other) => other.id === model.id);
      if (!same || same.loss.mean.length !== model.loss.mean.length) {
        throw new RangeError(`the seeds' evaluations differ in ${model.id}`);
      }
      return same;
    });
    return modelAcrossSeeds(perSeed);
  });
  return { steps: first.steps, tasks: first.tasks, lossKind: first.lossKind, models };
}

/**
 * The seeds' per-iteration curves averaged, over the iterations every seed reached (a seed that
 * stopped early shortens it), so each point is a mean over all of them.
 */
export function meanCurveAcrossSeeds(curves: readonly (readonly number[])[]): number[] {
  if (curves.length === 0) return [];
  const length = Math.min(...curves.map((curve) => curve.length));
  return Array.from(
    { length },
    (_, i) => curves.reduce((sum, curve) => sum + curve[i]!, 0) / curves.length,
  );
}

/** The seeds of a run of `count` seeds from `first`: first, first + 1, ..., wrapping past 2^32 - 1. */
export function seedSequence(first: number, count: number): number[] {
  return Array.from({ length: Math.max(1, count) }, (_, k) => (first + k) % 2 ** 32);
}

/**
 * The held-out evaluation the adaptation charts and the tables draw: a shown results file's, else,
 * in a run of several seeds with two or more finished, the mean over them with a 95% interval
 * across seeds, else the live run's latest. Every selector returns a reference the store keeps, so
 * components re-render only when it changes.
 */
import type { EvaluationPoint, EvaluationSlice } from './evaluationSlice';
import type { SeedEvaluation, SeedsSlice } from './seedsSlice';
import type { ViewingSlice } from './viewingSlice';

interface HeldOutSource {
  readonly viewing: ViewingSlice;
  readonly seeds: SeedsSlice;
  readonly evaluations: EvaluationSlice;
}

const NONE: readonly SeedEvaluation[] = [];

export const shownHeldOut = (state: HeldOutSource): EvaluationPoint | undefined =>
  state.viewing !== null
    ? state.viewing.evaluations.points.at(-1)
    : (state.seeds.summary ?? state.evaluations.points.at(-1));

/** The seeds the shown held-out figures are a mean over; empty when they are one run's. */
export const shownSeedEvaluations = (state: HeldOutSource): readonly SeedEvaluation[] =>
  state.viewing !== null ? state.viewing.seedEvaluations : state.seeds.evaluated;

/** How many seeds the shown held-out figures are a mean over; null for one run's. */
export const shownSeedCount = (state: HeldOutSource): number | null => {
  const count = shownSeedEvaluations(state).length;
  return count > 1 ? count : null;
};

/** The seeds' own curves, when the user asked to see each seed (else none). */
export const drawnSeedEvaluations = (state: HeldOutSource): readonly SeedEvaluation[] =>
  state.seeds.showEach ? shownSeedEvaluations(state) : NONE;

/** A model being meta-trained: its parameters as plain arrays between iterations, and its Adam. */
import { Adam } from '../optim/adam';
import type { SessionSnapshot } from './types';

export interface Learner {
  readonly values: Float32Array[];
  readonly optimiser: Adam;
}

/** What a snapshot keeps of a learner. */
export type LearnerState = SessionSnapshot['maml'];

export function newLearner(values: Float32Array[], metaLr: number): Learner {
  return { values, optimiser: new Adam(values, { learningRate: metaLr }) };
}

export function saveLearner(learner: Learner): LearnerState {
  return { values: learner.values.map((v) => v.slice()), optimiser: learner.optimiser.save() };
}

/** Puts a saved state back into `learner` in place. */
export function loadLearner(learner: Learner, state: LearnerState): void {
  state.values.forEach((v, i) => {
    learner.values[i]!.set(v);
  });
  learner.optimiser.restore(state.optimiser);
}

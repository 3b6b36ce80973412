/**
 * Every algorithm the playground runs, one line each: its name as its paper gives it, the paper,
 * which task families it serves and whether it differentiates through an inner loop (those carry a
 * finite-difference check of their full meta-gradient). The engines live beside this file, one
 * folder per algorithm; sessions pick them by `config.algorithm`.
 */
import type { ExperimentConfig } from '../config/schema';

export type AlgorithmId = ExperimentConfig['algorithm'];
export type TaskFamily = 'regression' | 'classification';

export interface AlgorithmInfo {
  readonly id: AlgorithmId;
  /** The name its paper uses. */
  readonly name: string;
  /** Short citation, e.g. 'Finn, Abbeel and Levine 2017'. */
  readonly reference: string;
  /** One sentence for a student. */
  readonly summary: string;
  readonly families: readonly TaskFamily[];
  /** The meta-gradient flows through the inner loop's own gradients (second order). */
  readonly differentiatesInnerLoop: boolean;
}

const BOTH: readonly TaskFamily[] = ['regression', 'classification'];

// prettier-ignore
export const ALGORITHM_REGISTRY: readonly AlgorithmInfo[] = [
  { id: 'maml', name: 'MAML', reference: 'Finn, Abbeel and Levine 2017', families: BOTH, differentiatesInnerLoop: true, summary: 'Learns a starting point from which a few gradient steps fit a new task, differentiating through those steps.' },
  { id: 'fomaml', name: 'First-order MAML', reference: 'Finn, Abbeel and Levine 2017', families: BOTH, differentiatesInnerLoop: false, summary: 'MAML with the inner steps treated as constants: the query gradient at the adapted weights updates the start.' },
  { id: 'reptile', name: 'Reptile', reference: 'Nichol, Achiam and Schulman 2018', families: BOTH, differentiatesInnerLoop: false, summary: 'Runs plain SGD on each task, then moves the start toward the adapted weights; it needs two or more inner steps (with one it is joint training).' },
  { id: 'metasgd', name: 'Meta-SGD', reference: 'Li, Zhou, Chen and Li 2017', families: BOTH, differentiatesInnerLoop: true, summary: 'Learns, beside the start, a step size and direction for every weight of the inner update; the rates suit the number of inner steps it trained with, and many more steps at test time can diverge.' },
  { id: 'anil', name: 'ANIL', reference: 'Raghu, Raghu, Bengio and Vinyals 2020', families: BOTH, differentiatesInnerLoop: true, summary: 'Almost no inner loop: only the last layer adapts to a task; the body is meta-learned as a shared feature extractor.' },
  { id: 'protonet', name: 'Prototypical networks', reference: 'Snell, Swersky and Zemel 2017', families: ['classification'], differentiatesInnerLoop: false, summary: 'Embeds images and labels a query by its nearest class mean; no inner loop at all.' },
  { id: 'multitask', name: 'Multi-task learning', reference: 'Caruana 1997; Kendall, Gal and Cipolla 2018', families: ['regression'], differentiatesInnerLoop: false, summary: 'Trains one model on a fixed set of tasks at once (a shared trunk with a head per task, or tied networks); new tasks fine-tune from its shared weights.' },
];

export function algorithmInfo(id: AlgorithmId): AlgorithmInfo {
  return ALGORITHM_REGISTRY.find((info) => info.id === id)!;
}

export function familyOf(config: Pick<ExperimentConfig, 'task'>): TaskFamily {
  return config.task === 'sinusoid' ? 'regression' : 'classification';
}

export function servesFamily(id: AlgorithmId, family: TaskFamily): boolean {
  return algorithmInfo(id).families.includes(family);
}

/** The algorithms a config runs: the compared ones, or the one selected. */
export function algorithmsOf(
  config: Pick<ExperimentConfig, 'algorithm' | 'compare'>,
): readonly AlgorithmId[] {
  return config.compare.length > 0 ? config.compare : [config.algorithm];
}

/** The config one compared algorithm runs with: the same settings and seed, that algorithm. */
export function configFor(config: ExperimentConfig, id: AlgorithmId): ExperimentConfig {
  return Object.freeze({ ...config, algorithm: id, compare: [] });
}

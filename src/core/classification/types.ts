/**
 * The shapes shared by few-shot classification's data (task sources, batches) and its learners
 * (networks, MAML, prototypical networks). An N-way K-shot task: N classes new to the learner,
 * K labelled support images of each, and `queries` more images of each class to label.
 */
import type { Rng } from '../random/rng';

/**
 * Where a task's classes come from: the built-in glyph generator or a decoded Omniglot archive.
 * Images are imageSize x imageSize greyscale, row-major, ink = 1 and background = 0.
 */
export interface ClassPool {
  readonly imageSize: number;
  /** How many classes the pool holds; Infinity for a generator. */
  readonly classCount: number;
  /** `ways` distinct class ids, drawn with `rng`. */
  pickClasses(rng: Rng, ways: number): number[];
  /**
   * Writes `count` examples of class `id` into `out` from element `offset`, one image after another.
   * A finite pool draws distinct stored examples; a generator draws fresh ones.
   */
  drawExamples(rng: Rng, id: number, count: number, out: Float32Array, offset: number): void;
  /** The most examples one class can give (Infinity for a generator). */
  readonly examplesPerClass: number;
  /** Where a finite pool's fewest examples are, named for messages (a file and a character). */
  readonly fewestExamplesAt?: string;
  /** A short readable name for class `id` (e.g. an Omniglot character), when the pool has one. */
  describeClass?(id: number): string;
}

/**
 * A meta-batch of N-way K-shot tasks as flat arrays. Within a task, support images are ordered by
 * class (class 0's K shots, then class 1's, ...), and so are queries; labels say it explicitly.
 * Class order inside a task is random, so a label carries no meaning across tasks.
 */
export interface ClassificationBatch {
  readonly tasks: number;
  readonly ways: number;
  readonly shots: number;
  /** Query images per class. */
  readonly queries: number;
  readonly imageSize: number;
  /** tasks * ways * shots images of imageSize^2 floats. */
  readonly supportImages: Float32Array;
  /** tasks * ways * shots labels in 0..ways-1. */
  readonly supportLabels: Int32Array;
  /** tasks * ways * queries images. */
  readonly queryImages: Float32Array;
  readonly queryLabels: Int32Array;
}

/** Meta-training and held-out class pools of a classification run. */
export interface ClassSources {
  readonly train: ClassPool;
  readonly test: ClassPool;
}

export type { ClassifierSpec, Normalisation } from '../model/classifierSpec';

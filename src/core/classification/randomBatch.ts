import type { Rng } from '../random/rng';
import type { ClassificationBatch } from './types';

export interface RandomBatchShape {
  readonly tasks: number;
  readonly ways: number;
  readonly shots: number;
  /** Query images per class. */
  readonly queries: number;
  readonly imageSize: number;
}

/**
 * A meta-batch of seeded random images (pixels uniform in [0, 1)) with labels laid out as real
 * batches are (class by class, support then query). For gradient checks and speed measurements,
 * where what the images show does not matter; real tasks come from the task sources.
 */
export function randomClassificationBatch(rng: Rng, shape: RandomBatchShape): ClassificationBatch {
  const { tasks, ways, shots, queries, imageSize } = shape;
  const images = (perClass: number): Float32Array =>
    Float32Array.from({ length: tasks * ways * perClass * imageSize ** 2 }, () => rng.next());
  const labels = (perClass: number): Int32Array =>
    Int32Array.from({ length: tasks * ways * perClass }, (_, i) =>
      Math.floor((i % (ways * perClass)) / perClass),
    );
  return {
    ...shape,
    supportImages: images(shots),
    supportLabels: labels(shots),
    queryImages: images(queries),
    queryLabels: labels(queries),
  };
}

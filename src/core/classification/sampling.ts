/**
 * Meta-batches of N-way K-shot classification tasks drawn from a ClassPool (Vinyals et al. 2016's
 * episodes): per task, `ways` distinct classes in random order, then for each class `shots`
 * support and `queries` query examples, all distinct drawings.
 */
import { DataError } from '../data/errors';
import type { Rng } from '../random/rng';
import type { ClassificationBatch, ClassPool } from './types';

export interface TaskShape {
  readonly tasks: number;
  readonly ways: number;
  readonly shots: number;
  /** Query examples per class. */
  readonly queries: number;
}

export function sampleClassificationBatch(
  rng: Rng,
  pool: ClassPool,
  shape: TaskShape,
): ClassificationBatch {
  return sampleClassificationTasks(rng, pool, shape).batch;
}

/**
 * A meta-batch and, per task, the pool's id of the class behind each label (classIds[t][label]):
 * what the tasks are, for showing them. Draws exactly what sampleClassificationBatch draws.
 */
export function sampleClassificationTasks(
  rng: Rng,
  pool: ClassPool,
  shape: TaskShape,
): { batch: ClassificationBatch; classIds: number[][] } {
  const { tasks, ways, shots, queries } = shape;
  for (const [name, value] of Object.entries(shape)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`${name} must be a positive integer, not ${String(value)}`);
    }
  }
  if (pool.classCount < ways) {
    throw new DataError(
      `a ${ways}-way task needs ${ways} classes, but the data holds only ${pool.classCount}`,
    );
  }
  const perClass = shots + queries;
  if (pool.examplesPerClass < perClass) {
    throw new DataError(
      `${shots} shots and ${queries} queries need ${perClass} drawings of each class, but some ` +
        `classes have only ${pool.examplesPerClass}`,
    );
  }
  const { imageSize } = pool;
  const pixels = imageSize * imageSize;
  const batch = {
    tasks,
    ways,
    shots,
    queries,
    imageSize,
    supportImages: new Float32Array(tasks * ways * shots * pixels),
    supportLabels: new Int32Array(tasks * ways * shots),
    queryImages: new Float32Array(tasks * ways * queries * pixels),
    queryLabels: new Int32Array(tasks * ways * queries),
  };
  // One class's drawings, support first: one draw makes them distinct from each other.
  const drawings = new Float32Array(perClass * pixels);
  const classIds: number[][] = [];
  for (let t = 0; t < tasks; t++) {
    const ids = shuffle(rng, pool.pickClasses(rng, ways));
    classIds.push(ids);
    ids.forEach((id, label) => {
      pool.drawExamples(rng, id, perClass, drawings, 0);
      const s = (t * ways + label) * shots;
      const q = (t * ways + label) * queries;
      batch.supportImages.set(drawings.subarray(0, shots * pixels), s * pixels);
      batch.queryImages.set(drawings.subarray(shots * pixels), q * pixels);
      batch.supportLabels.fill(label, s, s + shots);
      batch.queryLabels.fill(label, q, q + queries);
    });
  }
  return { batch, classIds };
}

/** Labels must not follow any order a pool returns its classes in. */
function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

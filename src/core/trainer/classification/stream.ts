/**
 * The task stream of a classification run: N-way K-shot meta-batches from the meta-training class
 * pool, and held-out tasks from the held-out pool (the two never share a class).
 */
import type { ExperimentConfig } from '../../config';
import { createRng } from '../../random/rng';
import type { ClassSources, ClassificationBatch } from '../../classification/types';
import {
  sampleClassificationBatch,
  sampleClassificationTasks,
} from '../../classification/sampling';
import {
  classificationTensors,
  type ClassificationTensors,
} from '../../classification/classificationTensors';
import { DataError } from '../../data/errors';
import { classificationFamily } from '../../families/registry';
import type { TaskStream } from '../model';
import { evaluationQueries } from './specs';
import { heldOutChunkTasks } from './heldOutChunk';

/** A meta-batch with a name for the class behind each label of each task. */
export interface NamedBatch {
  readonly batch: ClassificationBatch;
  readonly classNames: readonly (readonly string[])[];
}

export type ClassificationStream = TaskStream<
  NamedBatch,
  ClassificationTensors,
  ClassificationBatch
>;

/**
 * Refuses settings the pools cannot serve at the start, with the reason, rather than failing at
 * the first batch or evaluation (which would look like a broken backend).
 */
export function checkSources(config: ExperimentConfig, sources: ClassSources): void {
  const pools = [
    ['meta-training', sources.train, config.shots + config.query],
    ['held-out', sources.test, config.shots + 1],
  ] as const;
  for (const [role, pool, needed] of pools) {
    if (pool.classCount < config.ways) {
      throw new DataError(
        `The ${role} classes number ${pool.classCount}, fewer than ways = ${config.ways}: load more alphabets or lower ways.`,
      );
    }
    if (pool.examplesPerClass < needed) {
      const parts =
        role === 'held-out'
          ? 'shots + 1 query'
          : `shots + query = ${config.shots} + ${config.query}`;
      const where = pool.fewestExamplesAt ? ` (${pool.fewestExamplesAt})` : '';
      throw new DataError(
        `Each ${role} class has as few as ${pool.examplesPerClass} images${where}, fewer than the ${needed} a task needs (${parts}): lower shots${role === 'held-out' ? '' : ' or query'}, or load an archive with more drawings per character.`,
      );
    }
  }
}

/**
 * The first `count` held-out tasks of this seed, always the same ones: a fresh evaluation stream
 * is walked from its start, chunk by chunk.
 */
export function* heldOutTasks(
  config: ExperimentConfig,
  sources: ClassSources,
  count: number,
): Generator<ClassificationBatch> {
  const rng = createRng(config.seed, 'evaluation');
  const queries = evaluationQueries(config, sources.test);
  // Held-out tasks are drawn one after another from one stream, so the chunk size bounds memory
  // without changing which tasks they are.
  const chunk = heldOutChunkTasks({ ...config, queries, imageSize: sources.test.imageSize });
  for (let first = 0; first < count; first += chunk) {
    yield sampleClassificationBatch(rng, sources.test, {
      tasks: Math.min(chunk, count - first),
      ways: config.ways,
      shots: config.shots,
      queries,
    });
  }
}

export function classificationStream(
  config: ExperimentConfig,
  sources: ClassSources,
): ClassificationStream {
  checkSources(config, sources);
  const pool = sources.train;
  const name = (id: number): string =>
    pool.describeClass?.(id) ?? `${classificationFamily(config).className} ${id}`;
  return {
    lossKind: 'cross-entropy',
    draw(rng) {
      const { batch, classIds } = sampleClassificationTasks(rng, pool, {
        tasks: config.metaBatch,
        ways: config.ways,
        shots: config.shots,
        queries: config.query,
      });
      return { batch, classNames: classIds.map((ids) => ids.map(name)) };
    },
    tensors: (named) => classificationTensors(named.batch),
    heldOut: (count) => heldOutTasks(config, sources, count),
  };
}

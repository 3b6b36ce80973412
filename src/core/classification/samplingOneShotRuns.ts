/**
 * Lake et al.'s (2015) one-shot runs as a ClassificationBatch, one task per run: the run's
 * training drawings are the support set (one shot, label = class number - 1), its test items the
 * queries, each labelled by the answer key and regrouped by class as ClassificationBatch orders
 * them. Error rate = share of queries whose predicted label differs from queryLabels.
 */
import { DataError } from '../data/errors';
import type { OneShotRunsArchive } from '../data/omniglot';
import type { ClassificationBatch } from './types';

export interface OneShotRunsBatch extends ClassificationBatch {
  readonly runNames: readonly string[];
  /** For each query, which test item of its run it is (0 for item01). */
  readonly queryItems: Int32Array;
}

/** The runs at `indices` (all by default) as one batch; they must share ways and answers per class. */
export function oneShotRunsBatch(
  archive: OneShotRunsArchive,
  indices: readonly number[] = archive.runs.map((_, i) => i),
): OneShotRunsBatch {
  const runs = indices.map((i) => {
    const run = archive.runs[i];
    if (!run)
      throw new RangeError(`there is no run ${i}; the archive holds ${archive.runs.length}`);
    return run;
  });
  const { imageSize } = archive;
  const pixels = imageSize * imageSize;
  const first = runs[0];
  if (!first) throw new RangeError('choose at least one run');
  const ways = first.training.length / pixels;
  const queries = first.answers.length / ways;
  if (!Number.isInteger(queries)) {
    throw new DataError(
      `${first.name} has ${first.answers.length} test items for ${ways} classes, so they cannot ` +
        'be split evenly among the classes',
    );
  }
  const supportImages = new Float32Array(runs.length * ways * pixels);
  const queryImages = new Float32Array(runs.length * ways * queries * pixels);
  const queryLabels = new Int32Array(runs.length * ways * queries);
  const queryItems = new Int32Array(queryLabels.length);
  runs.forEach((run, t) => {
    const perClass = Array.from({ length: ways }, () => [] as number[]);
    if (run.training.length !== ways * pixels) {
      throw new DataError(`${run.name} has a different number of classes from ${first.name}`);
    }
    run.answers.forEach((label, item) => perClass[label]?.push(item));
    if (perClass.some((items) => items.length !== queries)) {
      throw new DataError(
        `${run.name}'s answer key does not give every class the same number of test items ` +
          `(${queries}), so its items cannot be grouped by class`,
      );
    }
    supportImages.set(run.training, t * ways * pixels);
    perClass.flat().forEach((item, k) => {
      const at = t * ways * queries + k;
      queryImages.set(run.test.subarray(item * pixels, (item + 1) * pixels), at * pixels);
      queryLabels[at] = run.answers[item]!;
      queryItems[at] = item;
    });
  });
  return {
    tasks: runs.length,
    ways,
    shots: 1,
    queries,
    imageSize,
    supportImages,
    supportLabels: Int32Array.from({ length: runs.length * ways }, (_, i) => i % ways),
    queryImages,
    queryLabels,
    queryItems,
    runNames: runs.map((r) => r.name),
  };
}

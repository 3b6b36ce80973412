import type { ClassificationBatch } from '../../classification/types';

/** Task `t` of a batch as a batch of its own (copies, so the view can be transferred). */
export function singleTask(batch: ClassificationBatch, t: number): ClassificationBatch {
  const pixels = batch.imageSize * batch.imageSize;
  const support = batch.ways * batch.shots;
  const query = batch.ways * batch.queries;
  return {
    ...batch,
    tasks: 1,
    supportImages: batch.supportImages.slice(t * support * pixels, (t + 1) * support * pixels),
    supportLabels: batch.supportLabels.slice(t * support, (t + 1) * support),
    queryImages: batch.queryImages.slice(t * query * pixels, (t + 1) * query * pixels),
    queryLabels: batch.queryLabels.slice(t * query, (t + 1) * query),
  };
}

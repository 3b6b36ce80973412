/**
 * Results format 1 (files with no `format` field): the learner's curve under `maml`, a separate
 * `accuracy` object and a `compared` list, read as format 2's models by id.
 */
import type { AdaptationCurve } from './types';
import { PRETRAINED, SCRATCH, type Evaluation, type ModelCurves } from './evaluation';
import {
  Fields,
  count,
  curve,
  listOf,
  measured,
  oneOf,
  orNull,
  text,
  type Reader,
} from './jsonFields';
import type { Results } from './resultsFile';

/** Files from before the `algorithm` setting existed ran MAML, the only learner then. */
export const FIRST_LEARNER = 'maml';

/**
 * Format 1's evaluation as models by id: the compared learners (or the config's one learner,
 * timed and stopped as the whole run), then the baselines. The baselines had no timings of their
 * own; scratch never trains.
 */
export function migratedEvaluation(
  run: Omit<Results, 'format' | 'evaluation' | 'seedRuns'>,
): Reader<Evaluation | null> {
  return orNull((value, path) => {
    const fields = Fields.of(value, path);
    const steps = fields.read('steps', listOf(count));
    const points = curve(steps.length);
    const accuracy = fields.readOr(
      'accuracy',
      orNull((v, at) => Fields.of(v, at)),
      null,
    );
    const accuracyOf = (id: string): AdaptationCurve | null =>
      accuracy ? accuracy.read(id, points) : null;
    const compared: Reader<ModelCurves> = (item, at) => {
      const c = Fields.of(item, at);
      return {
        id: c.read('algorithm', text),
        role: 'learner',
        loss: c.read('loss', points),
        accuracy: c.readOr('accuracy', orNull(points), null),
        iteration: c.read('iteration', count),
        msPerIteration: c.read('msPerIteration', measured),
        divergence: c.read('divergence', orNull(text)),
      };
    };
    const learners = fields.readOr('compared', orNull(listOf(compared)), null) ?? [
      {
        id: run.config.algorithm,
        role: 'learner',
        loss: fields.read('maml', points),
        accuracy: accuracyOf('maml'),
        iteration: run.iterations,
        msPerIteration: run.msPerIteration ?? NaN,
        divergence: run.divergence?.message ?? null,
      },
    ];
    const baseline = (id: string, iteration: number): ModelCurves => ({
      id,
      role: 'baseline',
      loss: fields.read(id, points),
      accuracy: accuracyOf(id),
      iteration,
      msPerIteration: NaN,
      divergence: null,
    });
    return {
      steps,
      tasks: fields.read('tasks', count),
      // Format 1 files from before classification have no lossKind: they are all sine waves.
      lossKind: fields.readOr('lossKind', oneOf('mse', 'cross-entropy'), 'mse'),
      models: [...learners, baseline(PRETRAINED, run.iterations), baseline(SCRATCH, 0)],
    };
  });
}

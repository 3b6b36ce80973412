/**
 * The learner step the classification benchmarks time: the second-order MAML meta-gradient of one
 * meta-batch of random 28 px images (5-way 1-shot, 15 queries per class, meta-batch 4, one inner
 * step, the 4-block conv net with batch norm and 32 filters) and one read-back of it, as training
 * does. The images are drawn once: the cost does not depend on what they show.
 */
import { tf } from '../core/tfjs/tf';
import { createRng } from '../core/random/rng';
import { initialClassifierValues, toClassifierTensors } from '../core/model/classifierParams';
import {
  classificationTensors,
  disposeClassificationTensors,
} from '../core/classification/classificationTensors';
import { classificationMetaGradient } from '../core/learners/maml/classification';
import { randomClassificationBatch } from '../core/classification/randomBatch';
import type { ClassifierSpec } from '../core/classification/types';
import { type InterleavedBudget, timeInterleaved } from '../core/bench/interleaved';
import { reportMethods } from './benchArgs';

export const GLYPH_STEP = { ways: 5, shots: 1, queries: 15, metaBatch: 4, filters: 32 } as const;

export const GLYPH_STEP_SPEC: ClassifierSpec = {
  kind: 'conv',
  imageSize: 28,
  filters: GLYPH_STEP.filters,
  blocks: 4,
  norm: 'batch',
  outputs: GLYPH_STEP.ways,
};

export const GLYPH_STEP_TITLE =
  `second-order MAML learner step: ${GLYPH_STEP.ways}-way ${GLYPH_STEP.shots}-shot, ` +
  `${GLYPH_STEP.queries} queries per class, ${GLYPH_STEP.filters} filters, ` +
  `meta-batch ${GLYPH_STEP.metaBatch}`;

export interface GlyphLearnerStep {
  /** One step, awaited until its gradient is read back. */
  readonly run: () => Promise<void>;
  readonly dispose: () => void;
}

export function glyphLearnerStep(): GlyphLearnerStep {
  const spec = GLYPH_STEP_SPEC;
  const theta = toClassifierTensors(spec, initialClassifierValues(spec, createRng(1, 'init')));
  const tensors = classificationTensors(
    randomClassificationBatch(createRng(1, 'speed-images'), {
      tasks: GLYPH_STEP.metaBatch,
      ways: GLYPH_STEP.ways,
      shots: GLYPH_STEP.shots,
      queries: GLYPH_STEP.queries,
      imageSize: spec.imageSize,
    }),
  );
  return {
    run: async () => {
      const flat = tf.tidy(() =>
        tf.concat(
          classificationMetaGradient(spec, theta, tensors, {
            innerLr: 0.4,
            innerSteps: 1,
            firstOrder: false,
          }).grads.map((g) => tf.reshape(g, [-1])),
        ),
      );
      await flat.data();
      flat.dispose();
    },
    dispose: () => {
      tf.dispose(theta);
      disposeClassificationTensors(tensors);
    },
  };
}

/**
 * Times the learner step under each method in turn, round by round, and prints the comparison
 * under `part` (e.g. "(b)"). `withMethod` wraps the step so that it runs with the method forced.
 */
export async function compareOnGlyphLearnerStep<M extends string>(
  part: string,
  methods: readonly M[],
  withMethod: (method: M, work: () => Promise<void>) => () => Promise<void>,
  budget: InterleavedBudget,
): Promise<void> {
  const learner = glyphLearnerStep();
  try {
    const times = await timeInterleaved(
      methods.map((m) => withMethod(m, learner.run)),
      budget,
    );
    reportMethods(`${part} ${GLYPH_STEP_TITLE}`, methods, times);
  } finally {
    learner.dispose();
  }
}

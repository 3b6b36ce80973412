/**
 * MAML's meta-gradient for few-shot classification (src/core/classification/maml.ts) against
 * independent computations:
 * - central finite differences of the full meta-objective, computed in float64 by a separate
 *   hand-written network with its own backward pass (src/core/check/float64Classifier.ts);
 * - first-order MAML's definition (the query-loss gradient at the adapted parameters, float64);
 * - the per-task loop with nested tfjs autodiff (taskLoopMaml.ts), and tf.conv2d for patches.
 *
 * Tolerance. The engines compute in float32 (unit roundoff 6e-8). A meta-gradient entry here is
 * built from a few thousand products and sums, through batch normalisation, an inner backward
 * pass and its derivative, so its rounding error is expected around 1e-6 to 1e-5 relative. The
 * float64 finite differences use h = 1e-7: with ReLU, MAML's meta-objective is not even
 * continuous (the inner gradient jumps where a unit's input crosses zero, and the adapted
 * parameters with it), so a step must be small enough not to straddle such a crossing (h = 1e-5
 * did, for one seed here); float64 rounding then costs about 1e-16 / h = 1e-9. We require a
 * relative error (2-norm) below 1e-3: a hundredfold margin over float32 noise, and still far
 * below the gap between first- and second-order meta-gradients (above 0.5 here), which a wrong
 * second-order term would fall into.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tfjs/tf';
import { startBackend } from '../../src/cli/nodeBackend';
import type { ClassifierSpec } from '../../src/core/classification/types';
import { classificationTensors } from '../../src/core/classification/classificationTensors';
import {
  classificationMetaGradient,
  type ClassificationMamlOptions,
} from '../../src/core/learners/maml/classification';
import { taskLoopMetaGradient } from '../../src/core/learners/maml/classificationTaskLoop';
import {
  classifierParameterCount,
  toClassifierTensors,
} from '../../src/core/model/classifierParams';
import { BATCH_NORM_EPSILON, classifierLogits } from '../../src/core/model/classifier';
import { finiteDifferences } from '../../src/core/check/float64Mlp';
import {
  BATCH_NORM_EPSILON_64,
  classifierOutputs64,
  layers64,
} from '../../src/core/check/float64Classifier';
import {
  firstOrderMamlGradient64,
  loss64,
  lossGradient64,
  mamlObjective64,
} from '../../src/core/check/float64ClassifierObjectives';
import { readFlat, relativeError, scoped } from '../helpers/fixtures';
import {
  CONV_BATCH,
  MLP,
  classifierProblem as problem,
  mean,
  readClassification,
} from '../helpers/classifierProblem';

const TOLERANCE = 1e-3;
const FD_STEP = 1e-7;
const INNER_LR = 0.4;

// An odd image size exercises the uneven 'same' padding (one zero before, one after).
const CONV_NONE: ClassifierSpec = {
  kind: 'conv',
  imageSize: 7,
  filters: 3,
  blocks: 2,
  norm: 'none',
  outputs: 3,
};

interface Case {
  readonly name: string;
  readonly spec: ClassifierSpec;
  readonly innerSteps: number;
}
const CASES: Case[] = [
  { name: 'conv, batch norm', spec: CONV_BATCH, innerSteps: 1 },
  { name: 'conv, batch norm', spec: CONV_BATCH, innerSteps: 2 },
  { name: 'conv, no norm', spec: CONV_NONE, innerSteps: 1 },
  { name: 'conv, no norm', spec: CONV_NONE, innerSteps: 2 },
  { name: 'mlp', spec: MLP, innerSteps: 1 },
  { name: 'mlp', spec: MLP, innerSteps: 2 },
];

interface EngineResult {
  readonly grad: Float64Array;
  readonly lossBefore: Float32Array;
  readonly lossAfter: Float32Array;
  readonly accuracyBefore: Float32Array;
  readonly accuracyAfter: Float32Array;
}

function engine(
  spec: ClassifierSpec,
  p: ReturnType<typeof problem>,
  options: ClassificationMamlOptions,
): EngineResult {
  return scoped(() => {
    const r = classificationMetaGradient(
      spec,
      toClassifierTensors(spec, p.values),
      classificationTensors(p.batch),
      options,
    );
    return readClassification(r);
  });
}

describe.each(['wasm', 'cpu'] as const)('classification MAML on %s', (backend) => {
  beforeAll(async () => {
    await startBackend(backend);
  });

  it.each(CASES)(
    'second order matches finite differences of the float64 meta-objective ($name, $innerSteps inner steps)',
    ({ spec, innerSteps }) => {
      const p = problem(spec, 11);
      const objective = (theta: Float64Array): number =>
        mamlObjective64(spec, theta, p.tasks64, INNER_LR, innerSteps);
      const expected = finiteDifferences(objective, p.flat, FD_STEP);
      const result = engine(spec, p, { innerLr: INNER_LR, innerSteps, firstOrder: false });

      expect(relativeError(result.grad, expected)).toBeLessThan(TOLERANCE);
      expect(Math.abs(mean(result.lossAfter) - objective(p.flat))).toBeLessThan(1e-5);
      p.tasks64.forEach((task, t) => {
        const before = loss64(spec, p.flat, task.queryImages, task.queryLabels);
        expect(result.lossBefore[t]).toBeCloseTo(before, 5);
      });
    },
  );

  it.each(CASES)(
    'first order is the query gradient at the adapted parameters, and differs from second order ($name, $innerSteps)',
    ({ spec, innerSteps }) => {
      const p = problem(spec, 12);
      const expected = firstOrderMamlGradient64(spec, p.flat, p.tasks64, INNER_LR, innerSteps);
      const base = { innerLr: INNER_LR, innerSteps };
      const first = engine(spec, p, { ...base, firstOrder: true });
      const second = engine(spec, p, { ...base, firstOrder: false });

      expect(relativeError(first.grad, expected)).toBeLessThan(TOLERANCE);
      // theta + (adapted - theta) rounds differently from adapted, hence not bitwise.
      expect(relativeError(first.lossAfter, second.lossAfter)).toBeLessThan(1e-6);
      expect(relativeError(first.grad, second.grad)).toBeGreaterThan(100 * TOLERANCE);
    },
  );

  it('gives the same result in one pass, in passes of two tasks, one task at a time, and task by task with nested autodiff', () => {
    const p = problem(CONV_BATCH, 13, 5);
    const options = { innerLr: INNER_LR, innerSteps: 2, firstOrder: false };
    const together = engine(CONV_BATCH, p, { ...options, tasksPerPass: 5 });
    const loop = scoped(() => {
      const r = taskLoopMetaGradient(
        CONV_BATCH,
        toClassifierTensors(CONV_BATCH, p.values),
        classificationTensors(p.batch),
        options,
      );
      return { grad: readFlat(r.grads), lossAfter: r.taskLossAfter.dataSync() };
    });
    for (const tasksPerPass of [1, 2]) {
      const split = engine(CONV_BATCH, p, { ...options, tasksPerPass });
      expect(relativeError(split.grad, together.grad)).toBeLessThan(1e-5);
      for (const key of ['lossBefore', 'lossAfter', 'accuracyBefore', 'accuracyAfter'] as const) {
        expect(relativeError(split[key], together[key])).toBeLessThan(1e-5);
      }
    }
    expect(relativeError(loop.grad, together.grad)).toBeLessThan(1e-5);
    expect(relativeError(loop.lossAfter, together.lossAfter)).toBeLessThan(1e-5);
  });

  it('reports accuracies as fractions of queries predicted right, per task', () => {
    const p = problem(CONV_BATCH, 14);
    const result = engine(CONV_BATCH, p, { innerLr: INNER_LR, innerSteps: 1, firstOrder: false });
    p.tasks64.forEach((task, t) => {
      const logits = classifierOutputs64(CONV_BATCH, p.flat, task.queryImages, 6);
      const right = task.queryLabels.filter((label, q) => {
        const row = Array.from(logits.subarray(q * 3, q * 3 + 3));
        return row.indexOf(Math.max(...row)) === label;
      }).length;
      expect(result.accuracyBefore[t]).toBeCloseTo(right / 6, 6);
    });
    for (const a of result.accuracyAfter) expect(a * 6).toBeCloseTo(Math.round(a * 6), 5);
  });

  it('runs when asked for native convolution (on WASM, which cannot, it falls back to patches)', () => {
    const p = problem(CONV_BATCH, 18);
    const options = { innerLr: INNER_LR, innerSteps: 1, firstOrder: false };
    const native = engine(CONV_BATCH, p, { ...options, conv: 'native' });
    const patches = engine(CONV_BATCH, p, { ...options, conv: 'patches' });
    expect(relativeError(native.grad, patches.grad)).toBeLessThan(1e-5);
  });

  it('leaves no tensors behind', () => {
    const p = problem(CONV_BATCH, 16);
    const run = (firstOrder: boolean, tasksPerPass: number): void => {
      engine(CONV_BATCH, p, { innerLr: INNER_LR, innerSteps: 2, firstOrder, tasksPerPass });
    };
    run(false, 1);
    const before = tf.memory().numTensors;
    for (const firstOrder of [false, true])
      for (const perPass of [1, 2, 3]) run(firstOrder, perPass);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the float64 network computes the same outputs as the tfjs network', () => {
    for (const spec of [CONV_BATCH, CONV_NONE, MLP, { ...CONV_BATCH, outputs: 0 }]) {
      const p = problem(spec, 17);
      const task = p.tasks64[0]!;
      const expected = classifierOutputs64(spec, p.flat, task.queryImages, 6);
      const actual = scoped(() => {
        const images = tf.tensor4d(Float32Array.from(task.queryImages), [
          6,
          spec.imageSize,
          spec.imageSize,
          1,
        ]);
        return classifierLogits(spec, toClassifierTensors(spec, p.values), images).dataSync();
      });
      expect(relativeError(actual, expected)).toBeLessThan(1e-5);
    }
  });
});

// WASM has no kernel for tf.conv2d's filter gradient, so native convolution runs on CPU only.
describe('classification MAML with native tf.conv2d, on cpu', () => {
  beforeAll(async () => {
    await startBackend('cpu');
  });

  it('matches finite differences through the registered second-order gradients', () => {
    const p = problem(CONV_BATCH, 15);
    const expected = finiteDifferences(
      (theta) => mamlObjective64(CONV_BATCH, theta, p.tasks64, INNER_LR, 2),
      p.flat,
      FD_STEP,
    );
    const options = { innerLr: INNER_LR, innerSteps: 2, firstOrder: false };
    const native = engine(CONV_BATCH, p, { ...options, conv: 'native' });
    const patches = engine(CONV_BATCH, p, { ...options, conv: 'patches' });
    expect(relativeError(native.grad, expected)).toBeLessThan(TOLERANCE);
    expect(relativeError(native.grad, patches.grad)).toBeLessThan(1e-5);
  });
});

describe('the float64 classifier reference', () => {
  it.each([
    { name: 'conv, batch norm', spec: CONV_BATCH },
    { name: 'conv, no norm', spec: CONV_NONE },
    { name: 'mlp', spec: MLP },
  ])('backpropagation matches finite differences of its own loss ($name)', ({ spec }) => {
    const p = problem(spec, 3);
    const task = p.tasks64[0]!;
    const loss = (theta: Float64Array): number =>
      loss64(spec, theta, task.supportImages, task.supportLabels);
    const analytic = lossGradient64(spec, p.flat, task.supportImages, task.supportLabels);
    // Both float64; only the finite differences' truncation (h^2) and rounding remain.
    expect(relativeError(analytic, finiteDifferences(loss, p.flat, FD_STEP))).toBeLessThan(1e-7);
  });

  it('lays parameters out like the tfjs network, with the same batch-norm epsilon', () => {
    for (const spec of [CONV_BATCH, CONV_NONE, MLP, { ...CONV_BATCH, outputs: 0 }]) {
      expect(layers64(spec).count).toBe(classifierParameterCount(spec));
    }
    expect(BATCH_NORM_EPSILON_64).toBe(BATCH_NORM_EPSILON);
  });
});

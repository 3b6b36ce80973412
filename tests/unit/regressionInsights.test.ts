/**
 * What a sinusoid run shows of its learner: each task's own meta-gradient (or Reptile
 * direction) on the latest meta-batch, the cosines between them, and Meta-SGD's learned rates,
 * against independent computations.
 *
 * Tolerances. Per-task meta-gradients against central finite differences of the float64 per-task
 * objective: 1e-3 relative, justified as in metaGradient.test.ts; Reptile's directions 1e-4, as in
 * reptile.test.ts. A cosine between two vectors each within relative error eps of the truth is
 * within about 4 eps of the true cosine (each unit vector moves by at most about 2 eps), hence
 * 4e-3 for the run's cosines.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tfjs/tf';
import { createTrainer } from '../../src/core/trainer/createTrainer';
import { startBackend } from '../../src/cli/nodeBackend';
import { createRng } from '../../src/core/random/rng';
import { sampleSinusoidBatch } from '../../src/core/tasks/sinusoid';
import { toTaskTensors } from '../../src/core/tasks/taskTensors';
import { type Activation } from '../../src/core/model/mlp';
import { regressionAlgorithm } from '../../src/core/learners/registry';
import { cosineMatrix, matrixRows } from '../../src/core/math/cosineMatrix';
import {
  adapt,
  finiteDifferences,
  metaObjective,
  mseGradient,
  type Task64,
} from '../../src/core/check/float64Mlp';
import {
  anilObjective,
  metaSgdObjective,
  reptileTaskDirection,
} from '../../src/core/check/float64MetaLearners';
import {
  flatten,
  readFlat,
  relativeError,
  scoped,
  sizesOf,
  spec,
  toTasks64,
} from '../helpers/fixtures';
import { sinusoidProblem } from '../helpers/sinusoidProblem';
import { configWith, valuesOf } from '../helpers/sessions';

const FD_STEP = 1e-5;
type Compared = 'maml' | 'fomaml' | 'metasgd' | 'anil' | 'reptile';

/** Plain cosines, written independently of the core's helper. */
function cosines(rows: readonly Float64Array[]): number[][] {
  const norm = (a: Float64Array): number => Math.hypot(...a);
  return rows.map((a) =>
    rows.map((b) => a.reduce((sum, v, k) => sum + v * b[k]!, 0) / (norm(a) * norm(b))),
  );
}

/** A task's float64 direction for each learner (second order where the learner is). */
function expectedRow(
  algorithm: Compared,
  theta: Float64Array,
  alpha: Float64Array,
  sizes: number[],
  task: Task64,
  options: { innerLr: number; innerSteps: number; activation: Activation },
): Float64Array {
  const { innerLr, innerSteps, activation } = options;
  if (algorithm === 'reptile') {
    return reptileTaskDirection(theta, sizes, task, innerLr, innerSteps, activation);
  }
  if (algorithm === 'fomaml') {
    // The query-loss gradient at the adapted weights.
    const phi = adapt(theta, sizes, task, innerLr, innerSteps, activation);
    return mseGradient(phi, sizes, task.queryX, task.queryY, activation);
  }
  const objective = (p: Float64Array): number =>
    algorithm === 'metasgd'
      ? metaSgdObjective(new Float64Array([...p, ...alpha]), sizes, [task], innerSteps, activation)
      : algorithm === 'anil'
        ? anilObjective(p, sizes, [task], innerLr, innerSteps, activation)
        : metaObjective(p, sizes, [task], innerLr, innerSteps, activation);
  return finiteDifferences(objective, theta, FD_STEP);
}

describe('task relations and learned rates, on wasm', () => {
  beforeAll(async () => {
    await startBackend('wasm');
  });

  it('cosines of rows: hand-worked cases', () => {
    // Rows (1, 0), (0, 2), (1, 1), (0, 0): orthogonal, 45 degrees, and a zero row.
    const c = cosineMatrix(matrixRows(Float32Array.of(1, 0, 0, 2, 1, 1, 0, 0), 4));
    expect(c[0]![1]).toBe(0);
    expect(c[0]![2]).toBeCloseTo(Math.SQRT1_2, 12);
    expect(c[1]![2]).toBeCloseTo(Math.SQRT1_2, 12);
    expect(c[3]).toEqual([0, 0, 0, 1]);
    expect(c.map((row, i) => row[i])).toEqual([1, 1, 1, 1]);
  });

  it.each([
    { algorithm: 'maml', activation: 'tanh', innerSteps: 2 },
    { algorithm: 'maml', activation: 'relu', innerSteps: 1 },
    { algorithm: 'metasgd', activation: 'tanh', innerSteps: 2 },
    { algorithm: 'anil', activation: 'tanh', innerSteps: 2 },
    { algorithm: 'anil', activation: 'relu', innerSteps: 1 },
    { algorithm: 'reptile', activation: 'tanh', innerSteps: 3 },
  ] as const)(
    '$algorithm: each task’s own direction matches its float64 value, and their mean is the meta-step’s ($activation, $innerSteps)',
    ({ algorithm, activation, innerSteps }) => {
      const {
        s,
        batch,
        values,
        flat,
        sizes,
        tasks64: tasks,
      } = sinusoidProblem([8, 8], activation, 61, 4);
      const rates = createRng(61, 'rates');
      const alpha = values.map((v) => Float32Array.from(v, () => rates.uniform(0, 0.1)));
      const options = { innerLr: 0.05, innerSteps, firstOrder: false, activation };
      const learner = regressionAlgorithm(algorithm);
      const engine = scoped(() => {
        const shapes = learner.valueShapes(s, options);
        const all = algorithm === 'metasgd' ? [...values, ...alpha] : values;
        const tensors = all.map((v, i) => tf.tensor(v, shapes[i]));
        const directions = learner.taskDirections(tensors, toTaskTensors(batch), options);
        const meta = learner.metaStep(tensors, toTaskTensors(batch), options);
        return {
          rows: directions.arraySync().map((row) => Float64Array.from(row)),
          meta: readFlat(meta.grads).subarray(0, flat.length),
        };
      });
      const tolerance = algorithm === 'reptile' ? 1e-4 : 1e-3;
      tasks.forEach((task, t) => {
        const expected = expectedRow(algorithm, flat, flatten(alpha), sizes, task, options);
        expect(relativeError(engine.rows[t]!, expected)).toBeLessThan(tolerance);
      });
      const mean = flat.map((_, k) =>
        engine.rows.reduce((sum, row) => sum + row[k]! / tasks.length, 0),
      );
      expect(relativeError(mean, engine.meta)).toBeLessThan(1e-4);
    },
  );

  it.each(['maml', 'fomaml', 'reptile', 'metasgd', 'anil'] as const)(
    '%s run: relations of the latest meta-batch at the current weights, with each task’s amplitude and phase',
    async (algorithm) => {
      const config = configWith(
        `algorithm=${algorithm}`,
        'hidden=8,8',
        'activation=tanh',
        'metaBatch=5',
        'shots=5',
        'query=6',
        'innerLr=0.05',
        'innerSteps=2',
        'metaLr=0.01',
        'seed=6',
      );
      const trainer = createTrainer(config, null);
      const empty = await trainer.insights();
      expect(empty.iteration).toBe(0);
      expect(empty.relations).toBeNull();

      // Three steps; the relations are of the third meta-batch.
      const stream = createRng(6, 'tasks');
      let batch = sampleSinusoidBatch(stream, 5, 5, 6);
      for (let i = 0; i < 3; i++) {
        if (i > 0) batch = sampleSinusoidBatch(stream, 5, 5, 6);
        expect((await trainer.step()).ok).toBe(true);
      }
      const insights = await trainer.insights();
      expect(insights.iteration).toBe(3);
      expect(insights.uncertainty).toBeNull();
      const relations = insights.relations!;
      expect(relations.labels).toEqual(['task 1', 'task 2', 'task 3', 'task 4', 'task 5']);
      expect(relations.basis.length).toBeGreaterThan(20);
      relations.details.forEach((detail, t) => {
        expect(detail).toEqual([
          { name: 'amplitude', value: batch.amplitude[t]!.toFixed(2) },
          { name: 'phase', value: batch.phase[t]!.toFixed(2) },
        ]);
      });

      const values = valuesOf(trainer, algorithm);
      const theta = flatten(values.slice(0, 6));
      const alpha = flatten(values.slice(6));
      const sizes = sizesOf(spec([8, 8], 'tanh'));
      const rows = toTasks64(batch).map((task) =>
        expectedRow(algorithm, theta, alpha, sizes, task, config),
      );
      const expected = cosines(rows);
      relations.cosine.forEach((row, i) => {
        row.forEach((c, j) => {
          expect(Math.abs(c - expected[i]![j]!)).toBeLessThan(4e-3);
        });
      });
    },
  );

  it('a very large network compares only as many tasks as its bounded memory holds', async () => {
    // 1-512-512-1: 264,193 parameters, so 2^22 floats hold the directions of 15 tasks.
    const trainer = createTrainer(configWith('hidden=512,512', 'metaBatch=25'), null);
    expect((await trainer.step()).ok).toBe(true);
    const relations = (await trainer.insights()).relations!;
    expect(relations.labels).toHaveLength(15);
    expect(relations.cosine).toHaveLength(15);
    expect(relations.cosine.every((row) => row.length === 15)).toBe(true);
  });

  it('Meta-SGD shows its rates per parameter tensor: innerLr everywhere at first, then as learned', async () => {
    const config = configWith('algorithm=metasgd', 'metaBatch=5', 'metaLr=0.01');
    const trainer = createTrainer(config, null);
    const names = [1, 2, 3].flatMap((l) => [`layer ${l} weights`, `layer ${l} bias`]);
    const counts = [40, 40, 1600, 40, 40, 1];
    const first = (await trainer.insights()).innerRates!;
    expect(first.map((r) => r.name)).toEqual(names);
    expect(first.map((r) => r.count)).toEqual(counts);
    const innerLr32 = Math.fround(config.innerLr);
    for (const rates of first) {
      expect([rates.min, rates.max, rates.meanAbs]).toEqual([innerLr32, innerLr32, innerLr32]);
      expect(rates.mean).toBeCloseTo(innerLr32, 9);
      expect(rates.negative).toBe(0);
    }
    for (let i = 0; i < 20; i++) await trainer.step();
    const learned = (await trainer.insights()).innerRates!;
    const alpha = valuesOf(trainer, 'metasgd').slice(6);
    alpha.forEach((a, i) => {
      const values = Array.from(a);
      const rates = learned[i]!;
      expect(rates.min).toBe(Math.min(...values));
      expect(rates.max).toBe(Math.max(...values));
      expect(rates.mean).toBeCloseTo(values.reduce((s, v) => s + v, 0) / a.length, 9);
      expect(rates.meanAbs).toBeCloseTo(values.reduce((s, v) => s + Math.abs(v), 0) / a.length, 9);
      expect(rates.negative).toBe(values.filter((v) => v < 0).length / a.length);
    });
    expect(learned.some((r) => r.max > r.min)).toBe(true);
    const anil = createTrainer(configWith('algorithm=anil'), null);
    expect((await anil.insights()).innerRates).toBeNull();
  });
});

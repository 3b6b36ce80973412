/**
 * The rows the recharts charts draw, checked against what the charts promise: adaptation bands
 * clamped to the axis with gaps where a mean cannot be drawn, held-out results after the step the
 * MAML paper reports, each model read from the evaluation by its id, per-task connectors that
 * break between tasks, and steady rank ticks.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { learnerLabel } from '../../src/core/learners/registry';
import type { Evaluation, ModelCurves } from '../../src/core/trainer';
import { PRETRAINED, SCRATCH } from '../../src/core/results/evaluation';
import {
  adaptationRows,
  bandKey,
  lossView,
  meanKey,
  worstOffChart,
} from '../../src/ui/charts/adaptationView';
import { heldOutRange, heldOutRows, heldOutStep } from '../../src/ui/charts/heldOutRows';
import { modelCurves, modelOf } from '../../src/ui/charts/modelCurves';
import { MODEL_STYLES } from '../../src/ui/charts/palette';
import { comparedModels, comparisonEvaluation } from '../../src/ui/compare/comparedModels';
import { connectorPoints, rankTicks, taskRows } from '../../src/ui/charts/taskRows';

function curve(mean: number[], ci95: number[] = mean.map(() => 0)) {
  return { mean, ci95 };
}

/** One model's held-out result with the given means (and zero-width intervals). */
function model(
  id: string,
  role: ModelCurves['role'],
  loss: number[],
  accuracy: number[] | null,
): ModelCurves {
  return {
    id,
    role,
    loss: curve(loss),
    accuracy: accuracy === null ? null : curve(accuracy),
    iteration: 0,
    msPerIteration: Number.NaN,
    divergence: null,
  };
}

/** A run of one learner (MAML unless told), as the core reports it: it, then both baselines. */
function evaluation(
  learner: number[],
  pretrained: number[],
  accuracy: number[] | null,
  id = 'maml',
): Evaluation {
  const scratch = learner.map(() => 4);
  return {
    steps: learner.map((_, i) => i),
    tasks: 100,
    lossKind: accuracy === null ? 'mse' : 'cross-entropy',
    models: [
      model(id, 'learner', learner, accuracy),
      model(PRETRAINED, 'baseline', pretrained, accuracy),
      model(SCRATCH, 'baseline', scratch, accuracy),
    ],
  };
}

/** A comparison of Reptile then MAML: each learner, then both baselines, all of one loss. */
function comparison(): Evaluation {
  return {
    steps: [0, 1],
    tasks: 50,
    lossKind: 'mse',
    models: [
      { ...model('reptile', 'learner', [3, 1], null), iteration: 40, msPerIteration: 2.5 },
      {
        ...model('maml', 'learner', [3, 2], null),
        iteration: 17,
        msPerIteration: 6,
        divergence: 'loss is NaN',
      },
      model(PRETRAINED, 'baseline', [3, 2.8], null),
      model(SCRATCH, 'baseline', [4, 3.9], null),
    ],
  };
}

describe('adaptation rows', () => {
  it('holds each series mean and band per step, clamped to the axis, null where undrawable', () => {
    const curves = [curve([1, 0.5, NaN], [0.2, 0.6, 0.1]), curve([2, 2, 2], [0.1, 0.1, 0.1])];
    const view = lossView(curves, 3);
    const [bottom] = view.axis.kind === 'log' ? view.axis.log.domain : [0];
    const rows = adaptationRows([0, 1, 2], ['a', 'b'], view.curves);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual({
      step: 0,
      [meanKey('a')]: 1,
      [bandKey('a')]: [0.8, 1.2],
      [meanKey('b')]: 2,
      [bandKey('b')]: [1.9, 2.1],
    });
    // 0.5 - 0.6 is below zero: the band stops at the bottom of the log axis.
    expect(rows[1]![bandKey('a')]).toEqual([bottom, 1.1]);
    expect(rows[2]![meanKey('a')]).toBeNull();
    expect(rows[2]![bandKey('a')]).toBeNull();
  });

  it('names the mean furthest above a capped loss axis', () => {
    const curves = [curve([1, 1e6, 5e6]), curve([2, 2, 2])];
    const view = lossView(curves, 3);
    expect(worstOffChart(curves, [0, 1, 2], view)).toEqual({ index: 0, step: 2, mean: 5e6 });
    expect(worstOffChart([curve([1, 1, 1])], [0, 1, 2], lossView([curve([1, 1, 1])], 3))).toBe(
      null,
    );
  });
});

describe('held-out rows', () => {
  it('reads sine waves after one step and classification after the last', () => {
    expect(heldOutStep(11, false)).toBe(1);
    expect(heldOutStep(1, false)).toBe(0);
    expect(heldOutStep(6, true)).toBe(5);
  });

  it('takes each model at that step, leaving out losses a log axis cannot draw', () => {
    const points = [
      { iteration: 0, evaluation: evaluation([3, 2.5], [3, 2.9], null) },
      { iteration: 500, evaluation: evaluation([3, 0], [3, 2.7], null) },
    ];
    const rows = heldOutRows(points, 'loss', 1);
    expect(rows.map((row) => [row.iteration, row.learner, row.pretrained, row.scratch])).toEqual([
      [0, 2.5, 2.9, 4],
      [500, null, 2.7, 4],
    ]);
    expect(heldOutRange(rows, ['learner', 'pretrained'])).toEqual([2.5, 2.9]);
    const accuracy = heldOutRows(
      [{ iteration: 9, evaluation: evaluation([1, 1], [1, 1], [0.2, 0.9]) }],
      'accuracy',
      1,
    );
    expect(accuracy[0]!.learner).toBe(0.9);
    // Regression has no accuracy to draw.
    expect(heldOutRows(points, 'accuracy', 1)[0]).toMatchObject({ learner: null, scratch: null });
  });

  it('charts whatever algorithm the run trains as the learner', () => {
    const rows = heldOutRows(
      [{ iteration: 3, evaluation: evaluation([3, 1.5], [3, 2.9], null, 'reptile') }],
      'loss',
      1,
    );
    expect(rows[0]).toMatchObject({ learner: 1.5, pretrained: 2.9 });
  });
});

describe('the page’s models in an evaluation', () => {
  it('are the first learner and the two baselines, found by id whatever their order', () => {
    const run = comparison();
    // Baselines listed first, scratch before pretrained: the lookup must not go by position.
    const [reptile, maml, pretrained, scratch] = run.models;
    const shuffled: Evaluation = { ...run, models: [scratch!, pretrained!, reptile!, maml!] };
    for (const source of [run, shuffled]) {
      expect(modelOf(source, 'learner')).toBe(reptile);
      expect(modelOf(source, 'pretrained')).toBe(pretrained);
      expect(modelOf(source, 'scratch')).toBe(scratch);
    }
    const loss = modelCurves(run, 'loss');
    expect(loss.learner).toBe(reptile!.loss);
    expect(loss.pretrained).toBe(pretrained!.loss);
    expect(loss.scratch).toBe(scratch!.loss);
  });

  it('have accuracy curves only when every model has one', () => {
    const classification = evaluation([2, 1], [2, 1.5], [0.2, 0.8]);
    const accuracy = modelCurves(classification, 'accuracy');
    expect(accuracy?.learner).toBe(classification.models[0]!.accuracy);
    expect(accuracy?.scratch).toBe(classification.models[2]!.accuracy);
    expect(modelCurves(evaluation([2, 1], [2, 1.5], null), 'accuracy')).toBeNull();
  });
});

describe('a comparison’s models', () => {
  const naming = { ...DEFAULT_CONFIG, compare: ['reptile', 'maml'] } as const;

  it('are its learners in the run’s order, then the baselines, each with its own numbers', () => {
    const run = comparison();
    const models = comparedModels(run, naming);
    expect(models.map((m) => m.label)).toEqual([
      learnerLabel({ ...naming, algorithm: 'reptile' }),
      learnerLabel({ ...naming, algorithm: 'maml' }),
      MODEL_STYLES.pretrained.label,
      MODEL_STYLES.scratch.label,
    ]);
    expect(models.map((m) => [m.key, m.baseline])).toEqual([
      ['reptile', false],
      ['maml', false],
      [PRETRAINED, true],
      [SCRATCH, true],
    ]);
    expect(models[0]).toMatchObject({ iteration: 40, msPerIteration: 2.5, divergence: null });
    expect(models[1]).toMatchObject({
      iteration: 17,
      msPerIteration: 6,
      divergence: 'loss is NaN',
    });
    expect(models.map((m) => m.loss)).toEqual(run.models.map((m) => m.loss));
    // The baselines train beside every learner: no iteration count or timing of their own.
    expect(models[2]).toMatchObject({ iteration: null, msPerIteration: null, divergence: null });
    expect(models[0]!.style).not.toEqual(models[1]!.style);
  });

  it('come from an evaluation of this comparison only', () => {
    const point = { iteration: 40, evaluation: comparison() };
    expect(comparisonEvaluation(point, { compare: ['reptile', 'maml'] })).toBe(point);
    expect(comparisonEvaluation(point, { compare: ['maml', 'reptile'] })).toBeNull();
    expect(comparisonEvaluation(point, { compare: ['reptile', 'maml', 'anil'] })).toBeNull();
    expect(comparisonEvaluation(undefined, { compare: ['reptile', 'maml'] })).toBeNull();
    // A run of one learner (the last run's evaluation, kept until the comparison's first).
    const single = { iteration: 0, evaluation: evaluation([3, 2], [3, 2.9], null) };
    expect(comparisonEvaluation(single, { compare: [] })).toBeNull();
    expect(comparisonEvaluation(single, { compare: ['maml', 'reptile'] })).toBeNull();
  });
});

describe('task rows', () => {
  it('sorts tasks worst start first and joins before and after with breaks between tasks', () => {
    const rows = taskRows({
      taskLossBefore: new Float32Array([1, 4, 2]),
      taskLossAfter: new Float32Array([0.5, 1, Number.NaN]),
    });
    expect(rows).toEqual([
      { rank: 1, before: 4, after: 1 },
      { rank: 2, before: 2, after: null },
      { rank: 3, before: 1, after: 0.5 },
    ]);
    expect(connectorPoints(rows)).toEqual([
      { rank: 1, loss: 4 },
      { rank: 1, loss: 1 },
      { rank: 1, loss: null },
      { rank: 3, loss: 1 },
      { rank: 3, loss: 0.5 },
      { rank: 3, loss: null },
    ]);
  });

  it('without losses before adaptation (not computed), sorts by the loss after alone', () => {
    const rows = taskRows({
      taskLossBefore: new Float32Array(0),
      taskLossAfter: new Float32Array([0.5, 3, 1]),
    });
    expect(rows).toEqual([
      { rank: 1, before: null, after: 3 },
      { rank: 2, before: null, after: 1 },
      { rank: 3, before: null, after: 0.5 },
    ]);
    expect(connectorPoints(rows)).toEqual([]);
  });

  it('labels every rank when there is room, else round ranks with the first and last', () => {
    expect(rankTicks(5, 400)).toEqual([1, 2, 3, 4, 5]);
    const ticks = rankTicks(100, 300);
    expect(ticks[0]).toBe(1);
    expect(ticks.at(-1)).toBe(100);
    expect(ticks.length).toBeLessThanOrEqual(Math.floor(300 / 28) + 1);
    for (const tick of ticks.slice(1, -1)) expect(tick % 10).toBe(0);
  });
});

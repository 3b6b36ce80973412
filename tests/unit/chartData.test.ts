/**
 * The rows the recharts charts draw, checked against what the charts promise: adaptation bands
 * clamped to the axis with gaps where a mean cannot be drawn, held-out results after the step the
 * MAML paper reports, per-task connectors that break between tasks, and steady rank ticks.
 */
import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../src/core/session';
import {
  adaptationRows,
  bandKey,
  lossView,
  meanKey,
  worstOffChart,
} from '../../src/ui/charts/adaptationView';
import { heldOutRange, heldOutRows, heldOutStep } from '../../src/ui/charts/heldOutRows';
import { connectorPoints, rankTicks, taskRows } from '../../src/ui/charts/taskRows';

function curve(mean: number[], ci95: number[] = mean.map(() => 0)) {
  return { mean, ci95 };
}

function evaluation(maml: number[], pretrained: number[], accuracy: number[] | null): Evaluation {
  const scratch = maml.map(() => 4);
  return {
    steps: maml.map((_, i) => i),
    tasks: 100,
    lossKind: accuracy === null ? 'mse' : 'cross-entropy',
    maml: curve(maml),
    pretrained: curve(pretrained),
    scratch: curve(scratch),
    accuracy:
      accuracy === null
        ? null
        : { maml: curve(accuracy), pretrained: curve(accuracy), scratch: curve(accuracy) },
    compared: null,
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
    expect(rows.map((row) => [row.iteration, row.maml, row.pretrained])).toEqual([
      [0, 2.5, 2.9],
      [500, null, 2.7],
    ]);
    expect(heldOutRange(rows, ['maml', 'pretrained'])).toEqual([2.5, 2.9]);
    const accuracy = heldOutRows(
      [{ iteration: 9, evaluation: evaluation([1, 1], [1, 1], [0.2, 0.9]) }],
      'accuracy',
      1,
    );
    expect(accuracy[0]!.maml).toBe(0.9);
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

  it('labels every rank when there is room, else round ranks with the first and last', () => {
    expect(rankTicks(5, 400)).toEqual([1, 2, 3, 4, 5]);
    const ticks = rankTicks(100, 300);
    expect(ticks[0]).toBe(1);
    expect(ticks.at(-1)).toBe(100);
    expect(ticks.length).toBeLessThanOrEqual(Math.floor(300 / 28) + 1);
    for (const tick of ticks.slice(1, -1)) expect(tick % 10).toBe(0);
  });
});

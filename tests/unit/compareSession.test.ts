import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, applyOverrides, type ExperimentConfig } from '../../src/core/config';
import { configFor } from '../../src/core/learners/registry';
import { CompareSession } from '../../src/core/compare/compareSession';
import { createSession, restoreSession } from '../../src/core/run/createSession';
import type { Session, StepResult } from '../../src/core/session';
import { startBackend } from '../../src/cli/nodeBackend';

function configWith(...pairs: string[]): ExperimentConfig {
  const { config, problems } = applyOverrides(DEFAULT_CONFIG, pairs);
  expect(problems).toEqual([]);
  return config;
}

const SMALL = ['metaBatch=4', 'shots=5', 'query=5', 'hidden=16,16', 'evalTasks=30', 'seed=3'];

async function losses(session: Session, iterations: number): Promise<number[][]> {
  const rows: number[][] = [];
  for (let i = 0; i < iterations; i++) {
    const result = await session.step();
    if (!result.ok) throw new Error(result.divergence.message);
    rows.push([...(result.metrics.comparedLoss ?? [result.metrics.metaTrainLoss])]);
  }
  return rows;
}

/** A real session that throws on one chosen step, as a lost GPU would, or stops as if diverged. */
function faulty(inner: Session, failAt: number, mode: 'throw' | 'diverge'): Session {
  let calls = 0;
  let stopped: StepResult | null = null;
  return {
    get config() {
      return inner.config;
    },
    get iteration() {
      return inner.iteration;
    },
    get divergence() {
      return stopped && !stopped.ok ? stopped.divergence : null;
    },
    get parameters() {
      return inner.parameters;
    },
    step: async () => {
      calls += 1;
      if (calls === failAt) {
        if (mode === 'throw') throw new Error('device lost');
        stopped = {
          ok: false,
          divergence: { iteration: inner.iteration + 1, message: 'loss is not finite' },
        };
      }
      return stopped ?? inner.step();
    },
    evaluate: (tasks) => inner.evaluate(tasks),
    insights: () => inner.insights(),
    snapshot: () => inner.snapshot(),
  };
}

describe('a comparison of algorithms on wasm', () => {
  beforeAll(async () => {
    await startBackend('wasm');
  });

  it('trains each algorithm exactly as it trains alone, on the same seed and tasks', async () => {
    const config = configWith(...SMALL, 'compare=maml,fomaml,reptile');
    const together = await losses(createSession(config, null), 6);
    const alone = await Promise.all(
      config.compare.map((id) => losses(createSession(configFor(config, id), null), 6)),
    );
    for (let i = 0; i < 6; i++) {
      expect(together[i]).toEqual(alone.map((rows) => rows[i]![0]));
    }
    // Different algorithms really are different runs.
    expect(new Set(together[5]).size).toBe(3);
  });

  it('scores every algorithm on the same held-out tasks as a run of its own', async () => {
    const config = configWith(...SMALL, 'compare=maml,reptile', 'testInnerSteps=3');
    const compare = createSession(config, null);
    await losses(compare, 5);
    const evaluation = await compare.evaluate();
    expect(evaluation.compared?.map((c) => c.algorithm)).toEqual(['maml', 'reptile']);
    for (const [i, id] of config.compare.entries()) {
      const alone = createSession(configFor(config, id), null);
      await losses(alone, 5);
      const own = await alone.evaluate();
      expect(evaluation.compared![i]!.loss).toEqual(own.maml);
      expect(evaluation.compared![i]!.iteration).toBe(5);
      expect(evaluation.compared![i]!.msPerIteration).toBeGreaterThanOrEqual(0);
      if (i === 0) {
        expect(evaluation.maml).toEqual(own.maml);
        expect(evaluation.pretrained).toEqual(own.pretrained);
        expect(evaluation.scratch).toEqual(own.scratch);
      }
    }
  });

  it('compares transfer from multi-task shared weights with MAML on the same held-out tasks', async () => {
    const config = configWith(...SMALL, 'compare=multitask,maml', 'testInnerSteps=2', 'mtlTasks=3');
    const session = createSession(config, null);
    const rows = await losses(session, 4);
    expect(rows.every((row) => row.length === 2 && row.every(Number.isFinite))).toBe(true);
    const evaluation = await session.evaluate();
    expect(evaluation.compared?.map((c) => c.algorithm)).toEqual(['multitask', 'maml']);
    const maml = createSession(configFor(config, 'maml'), null);
    await losses(maml, 4);
    const own = await maml.evaluate();
    expect(evaluation.compared![1]!.loss).toEqual(own.maml);
    // Scratch is the same network on the same tasks whichever session reports it.
    expect(evaluation.scratch).toEqual(own.scratch);
  });

  it('continues from a snapshot exactly, even one taken after a step failed half way', async () => {
    const config = configWith(...SMALL, 'compare=maml,fomaml');
    const uninterrupted = await losses(createSession(config, null), 6);

    // The second algorithm's fourth step throws after the first algorithm's fourth step is done.
    let made = 0;
    const session = new CompareSession(config, {
      create: (part) => {
        const inner = createSession(part, null);
        return made++ === 1 ? faulty(inner, 4, 'throw') : inner;
      },
      restore: (part) => restoreSession(part, null),
    });
    const before = await losses(session, 3);
    await expect(session.step()).rejects.toThrow('device lost');
    expect(session.iteration).toBe(3);
    const snapshot = structuredClone(session.snapshot());
    expect(snapshot.parts?.map((p) => p.iteration)).toEqual([3, 3]);
    const resumed = restoreSession(snapshot, null);
    expect(resumed.iteration).toBe(3);
    const after = await losses(resumed, 3);
    expect([...before, ...after]).toEqual(uninterrupted);
  });

  it('lets the others go on when one algorithm stops, and says which stopped', async () => {
    const config = configWith(...SMALL, 'compare=maml,reptile', 'testInnerSteps=2');
    let made = 0;
    const session = new CompareSession(config, {
      create: (part) => {
        const inner = createSession(part, null);
        return made++ === 0 ? faulty(inner, 3, 'diverge') : inner;
      },
      restore: (part) => restoreSession(part, null),
    });
    const rows = await losses(session, 5);
    expect(rows.slice(0, 2).flat().every(Number.isFinite)).toBe(true);
    for (const row of rows.slice(2)) {
      expect(row[0]).toBeNaN();
      expect(Number.isFinite(row[1])).toBe(true);
    }
    expect(session.divergence).toBeNull();
    expect(session.iteration).toBe(5);
    const evaluation = await session.evaluate();
    expect(evaluation.compared![0]!.divergence).toMatch(/not finite/);
    expect(evaluation.compared![0]!.iteration).toBe(2);
    expect(evaluation.compared![1]!.divergence).toBeNull();
  });
});

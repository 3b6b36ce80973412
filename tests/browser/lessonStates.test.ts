/**
 * A lesson opens from the starting state that comes with the page (public/lessons/), in the real
 * built app: the run stands at the state's iteration with its training curve drawn, waits for
 * Start, trains on from there, and Reset starts it from scratch. Its held-out loss after one step
 * is that of a network trained that far: lower than the same network's at iteration 0.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../src/core/lessons/lessons';
import { bringIntoView, chartFigure, seriesLines, vertices } from './chartsPage';
import { servedApp } from './lifecycle';
import { openPlayground, waitForRun } from './playgroundPage';

const app = servedApp({ webgpu: false });
const LESSON = LESSONS[2]!; // MAML on sine waves

interface CurveView {
  readonly firstIteration: number;
  readonly stride: number;
  readonly lastIteration: number;
  readonly values: number[];
}

interface StateView {
  readonly iteration: number;
  readonly state: string;
  readonly runId: number | null;
  readonly loss: CurveView;
  /** The learner's held-out loss after one step, by the iteration evaluated. */
  readonly heldOut: { iteration: number; oneStep: number }[];
}

async function pageState(page: Page): Promise<StateView> {
  return page.evaluate(() => {
    interface Curves {
      readonly id: string;
      readonly loss: { readonly mean: readonly number[] };
    }
    const api = (
      globalThis as unknown as {
        playground: {
          store: {
            getState(): {
              run: { iteration: number; state: string; runId: number | null };
              series: { metaTrainLoss: CurveView & { values: Float32Array } };
              evaluations: {
                points: { iteration: number; evaluation: { models: Curves[] } }[];
              };
            };
          };
        };
      }
    ).playground;
    const { run, series, evaluations } = api.store.getState();
    const loss = series.metaTrainLoss;
    return {
      iteration: run.iteration,
      state: run.state,
      runId: run.runId,
      loss: {
        firstIteration: loss.firstIteration,
        stride: loss.stride,
        lastIteration: loss.lastIteration,
        values: Array.from(loss.values),
      },
      heldOut: evaluations.points.map((point) => ({
        iteration: point.iteration,
        oneStep: point.evaluation.models[0]!.loss.mean[1]!,
      })),
    };
  });
}

function lessonStatus(page: Page) {
  return page.locator('aside.lesson-panel .lesson-start');
}

describe('a lesson’s starting state', () => {
  it('opens trained, draws how it got there, waits, trains on, and resets to scratch', async () => {
    const { page, context, pageErrors } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      `?lesson=${LESSON.number}`,
    );
    const start = LESSON.startIteration;
    await expect
      .poll(async () => (await pageState(page)).iteration, { timeout: 60_000 })
      .toBe(start);
    await expect
      .poll(() => lessonStatus(page).textContent())
      .toContain(`Opened already trained for ${start} of`);
    // The curve that brought it there, from iteration 1, already drawn; it fell on the way.
    const opened = await pageState(page);
    expect(opened.loss.firstIteration).toBe(1);
    expect(opened.loss.lastIteration).toBe(start);
    expect(opened.loss.values.length * opened.loss.stride).toBe(start);
    const early = opened.loss.values.slice(0, 5);
    const late = opened.loss.values.slice(-5);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean(late)).toBeLessThan(mean(early));
    // The chart's line is drawn before anything trains.
    const line = seriesLines(chartFigure(page, 'main'), 'main-raw-line');
    await bringIntoView(chartFigure(page, 'main'));
    await expect.poll(() => vertices(line), { timeout: 30_000 }).toBeGreaterThan(10);
    // Held-out tasks are scored at the state's iteration; nothing trains without Start.
    await expect
      .poll(async () => (await pageState(page)).heldOut.map((p) => p.iteration), {
        timeout: 120_000,
      })
      .toContain(start);
    expect((await pageState(page)).iteration).toBe(start);
    const trainedLoss = (await pageState(page)).heldOut.find((p) => p.iteration === start)!;

    // Start trains on from the state: the curve goes on where it stood.
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await waitForRun(page, (run) => run.iteration >= start + 20, 120_000);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    const onward = await pageState(page);
    expect(onward.loss.firstIteration).toBe(1);
    expect(onward.loss.lastIteration).toBeGreaterThanOrEqual(start + 20);
    expect(onward.loss.values.slice(0, opened.loss.values.length)).toEqual(opened.loss.values);

    // Reset: from scratch, iteration 0, and the panel no longer says it opened trained.
    await waitForRun(page, (run) => run.state === 'paused', 60_000);
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect.poll(async () => (await pageState(page)).iteration).toBe(0);
    await expect.poll(() => lessonStatus(page).textContent()).toBe('');
    await expect
      .poll(async () => (await pageState(page)).heldOut.map((p) => p.iteration), {
        timeout: 120_000,
      })
      .toContain(0);
    const scratch = (await pageState(page)).heldOut.find((p) => p.iteration === 0)!;
    expect(trainedLoss.oneStep).toBeLessThan(scratch.oneStep);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});

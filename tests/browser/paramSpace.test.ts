/**
 * MAML's picture in parameter space in the real built app: the preset's link opens on the view,
 * which draws held-out tasks' optima and every model's initialisation on the (w, b) plane; after
 * training, one inner step from MAML's initialisation lands closer to the tasks' optima (in their
 * query loss) than one step from pretraining's, by the numbers the view received.
 */
import type { Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, PRESETS, presetConfig, toQuery } from '../../src/core/config';
import { lineLoss } from '../../src/core/math/linePlane';
import type { ParameterPlane } from '../../src/core/trainer/regression/parameterPlane';
import { servedApp } from './lifecycle';
import { chartFigure, openView } from './chartsPage';
import { openPlayground, readRun, waitForBackend, type PageGlobals } from './playgroundPage';

const app = servedApp({ webgpu: false });

interface Seen {
  __planeSeen?: { latest: ParameterPlane | null };
}

/** From now on, keeps the latest parameter-plane picture the worker sends the page. */
async function keepPlanes(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: { latest: ParameterPlane | null } = { latest: null };
    (globalThis as unknown as Seen).__planeSeen = seen;
    (globalThis as unknown as PageGlobals).playground!.client.listen((event) => {
      // The helpers' event type names only what they read; this one is a paramSpace picture.
      if (event.type === 'paramSpace') seen.latest = (event as { plane?: ParameterPlane }).plane!;
    });
  });
}

function latestPlane(page: Page): Promise<ParameterPlane | null> {
  return page.evaluate(() => (globalThis as unknown as Seen).__planeSeen?.latest ?? null);
}

function meanLossAfterStep(plane: ParameterPlane, which: 'learnerStep' | 'pretrainedStep'): number {
  const losses = plane.tasks.map((task) => lineLoss(task.query, task[which]!.w, task[which]!.b));
  return losses.reduce((a, b) => a + b, 0) / losses.length;
}

describe('parameter space', () => {
  it('draws the optima and the initialisations; after training MAML adapts closer than pretraining', async () => {
    const preset = PRESETS.find((p) => p.id === 'param-space')!;
    const query = toQuery({ ...presetConfig(preset, DEFAULT_CONFIG), backend: 'wasm' });
    const { page, pageErrors, context } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      `?${query}`,
    );
    await waitForBackend(page, 'wasm');
    // The preset's link opens on the view; choosing it again changes nothing.
    await openView(page, 'Parameter space');
    const figure = chartFigure(page, 'param-space');
    // 30 held-out tasks' optima and five models (three learners and both baselines).
    await expect
      .poll(() => figure.locator('path.param-optimum').count(), { timeout: 60_000 })
      .toBe(30);
    expect(await figure.locator('path.param-init').count()).toBe(5);
    for (const id of ['maml', 'fomaml', 'reptile', 'pretrained', 'scratch']) {
      expect(await figure.locator(`path.param-init-${id}`).count()).toBe(1);
    }
    expect(await figure.locator('path.param-step-learner').count()).toBe(30);
    expect(await figure.locator('g.param-contour').count()).toBeGreaterThan(0);

    await keepPlanes(page);
    // A link with a comparison runs it as it opens; otherwise Start does.
    const before = await readRun(page);
    console.log(`[param space] before Start: ${before.state}, iteration ${before.iteration}`);
    if (before.state === 'idle') {
      await page.getByRole('button', { name: 'Start', exact: true }).click({ timeout: 120_000 });
    }
    await expect
      .poll(async () => (await latestPlane(page))?.iteration ?? 0, { timeout: 240_000 })
      .toBeGreaterThanOrEqual(1000);
    const plane = (await latestPlane(page))!;
    const maml = meanLossAfterStep(plane, 'learnerStep');
    const pretrained = meanLossAfterStep(plane, 'pretrainedStep');
    const at = (id: string) => plane.models.find((m) => m.id === id)!;
    console.log(
      `[param space] iteration ${plane.iteration}: MAML (${at('maml').w.toFixed(2)}, ${at('maml').b.toFixed(2)}), ` +
        `pretrained (${at('pretrained').w.toFixed(2)}, ${at('pretrained').b.toFixed(2)}); ` +
        `mean query loss one step away: MAML ${maml.toFixed(4)}, pretrained ${pretrained.toFixed(4)}`,
    );
    expect(maml).toBeLessThan(pretrained);
    // Paths are drawn, and the summary says the same numbers in words.
    expect(await figure.locator('g.param-path path').count()).toBeGreaterThan(0);
    expect(await figure.locator('figcaption').textContent()).toMatch(
      /Mean query loss one step from MAML's initialisation: [\d.]+; from pretraining's: [\d.]+\./,
    );

    mkdirSync('test-results/screens', { recursive: true });
    await figure.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/screens/param-space.png', fullPage: true });
    await figure.screenshot({ path: 'test-results/screens/param-space-view.png' });
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});

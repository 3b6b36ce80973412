/**
 * The function view in the real built app: a user places points of their own task on the plot,
 * the training worker fine-tunes MAML and the pretrained baseline on them, and both fits are
 * drawn. The checks read what is drawn (path and point coordinates), so a view that ignored the
 * points, or drew the same curve for every step, would fail.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { servedApp } from './lifecycle';
import { openPlayground, waitForBackend, waitForRun } from './playgroundPage';

/** The default testInnerSteps: the slider's last step. */
const LAST_STEP = 10;
/** The grid the view asks the worker about. */
const GRID_POINTS = 101;

const app = servedApp({ webgpu: false });

type Xy = readonly [number, number];

/** The vertices of a path made of M and L commands, in the drawing's coordinates. */
function pathVertices(d: string): Xy[] {
  return d
    .trim()
    .split(/\s*[ML]\s*/)
    .filter((part) => part !== '')
    .map((part) => {
      const [x, y] = part.split(',').map(Number);
      return [x!, y!] as const;
    });
}

/** The path's height at `x`, by linear interpolation between its vertices (sorted by x). */
function pathHeightAt(vertices: readonly Xy[], x: number): number {
  for (let i = 1; i < vertices.length; i++) {
    const [x0, y0] = vertices[i - 1]!;
    const [x1, y1] = vertices[i]!;
    if (x >= x0 && x <= x1) return x1 === x0 ? y0 : y0 + ((x - x0) / (x1 - x0)) * (y1 - y0);
  }
  throw new Error(`x = ${x} is outside the path`);
}

/** Mean vertical distance, in drawing units, from the points to the curve. */
function meanDistance(vertices: readonly Xy[], points: readonly Xy[]): number {
  const total = points.reduce((sum, [x, y]) => sum + Math.abs(pathHeightAt(vertices, x) - y), 0);
  return total / points.length;
}

async function fitPath(page: Page, model: 'maml' | 'pretrained', step: number): Promise<string> {
  const path = page.locator(`path.fv-${model}[data-support="3"][data-step="${step}"]`);
  await path.waitFor({ state: 'attached', timeout: 60_000 });
  return (await path.getAttribute('d')) ?? '';
}

async function placedPoints(page: Page): Promise<Xy[]> {
  const dots = page.locator('.fv-point .fv-point-dot');
  const count = await dots.count();
  const points: Xy[] = [];
  for (let i = 0; i < count; i++) {
    const dot = dots.nth(i);
    points.push([Number(await dot.getAttribute('cx')), Number(await dot.getAttribute('cy'))]);
  }
  return points;
}

describe('function view', () => {
  it('adapts both models to points clicked on the plot, step by step', async () => {
    const { page, pageErrors } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      '?backend=wasm&iterations=200',
    );
    await waitForBackend(page, 'wasm');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await waitForRun(page, (run) => run.state === 'finished', 120_000);

    await page.getByRole('button', { name: 'Your own task' }).click();
    const area = await page.locator('.fv-area').boundingBox();
    if (area === null) throw new Error('the plot area is not visible');
    // Well away from y = 0, where an unadapted network tends to sit.
    const clicks: Xy[] = [
      [0.15, 0.2],
      [0.5, 0.78],
      [0.85, 0.25],
    ];
    for (const [fx, fy] of clicks) {
      await page.mouse.click(area.x + fx * area.width, area.y + fy * area.height);
    }

    const pointButtons = page.getByRole('button', { name: /^Point \d: x = / });
    expect(await pointButtons.count()).toBe(3);
    // In data coordinates x spans [-5, 5] and y [-6, 6] across the plot area.
    for (const [i, [fx, fy]] of clicks.entries()) {
      const point = pointButtons.nth(i);
      const x = Number(await point.getAttribute('data-x'));
      const y = Number(await point.getAttribute('data-y'));
      expect(Math.abs(x - (-5 + 10 * fx))).toBeLessThan(0.1);
      expect(Math.abs(y - (6 - 12 * fy))).toBeLessThan(0.1);
    }
    const points = await placedPoints(page);
    expect(points).toHaveLength(3);

    const mamlLast = await fitPath(page, 'maml', LAST_STEP);
    const pretrainedLast = await fitPath(page, 'pretrained', LAST_STEP);
    const mamlVertices = pathVertices(mamlLast);
    expect(mamlVertices).toHaveLength(GRID_POINTS);
    expect(pathVertices(pretrainedLast)).toHaveLength(GRID_POINTS);
    expect(mamlVertices.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y))).toBe(true);

    // Back to step 0: the fit before adaptation is another curve, and further from the points.
    const slider = page.getByLabel('Inner steps shown');
    expect(await slider.inputValue()).toBe(String(LAST_STEP));
    await slider.focus();
    await page.keyboard.press('Home');
    expect(await slider.inputValue()).toBe('0');
    const mamlFirst = await fitPath(page, 'maml', 0);
    expect(mamlFirst).not.toBe(mamlLast);
    const before = meanDistance(pathVertices(mamlFirst), points);
    const after = meanDistance(mamlVertices, points);
    expect(after).toBeLessThan(before);

    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('lets keyboard users add, move and remove points', async () => {
    const { page, pageErrors } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      '?backend=wasm',
    );
    await waitForBackend(page, 'wasm');
    await page.getByRole('button', { name: 'Your own task' }).click();

    for (const [x, y] of [
      ['-2', '1.5'],
      ['1', '-2'],
      ['3', '0.5'],
    ] as const) {
      await page.getByLabel('Point x').fill(x);
      await page.getByLabel('Point y').fill(y);
      await page.getByRole('button', { name: 'Add point' }).click();
    }
    const pointButtons = page.getByRole('button', { name: /^Point \d: x = / });
    expect(await pointButtons.count()).toBe(3);
    // Untrained, the models are fine-tuned on the three typed points all the same.
    await page.locator('path.fv-maml[data-support="3"]').waitFor({ timeout: 60_000 });

    const second = pointButtons.nth(1);
    await second.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowRight');
    expect(await second.getAttribute('aria-label')).toBe('Point 2: x = 1.10, y = -1.90');

    await page.keyboard.press('Delete');
    expect(await pointButtons.count()).toBe(2);
    // Focus moved to a remaining point rather than being lost.
    const focused = await page.evaluate(() => {
      const scope = globalThis as unknown as {
        document: { activeElement: { getAttribute(name: string): string | null } | null };
      };
      return scope.document.activeElement?.getAttribute('aria-label');
    });
    expect(focused).toMatch(/^Point 2: x = 3\.00/);
    await page.locator('path.fv-maml[data-support="2"]').waitFor({ timeout: 60_000 });

    await page.getByRole('button', { name: 'Clear points' }).click();
    expect(await pointButtons.count()).toBe(0);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});

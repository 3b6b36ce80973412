/**
 * The function view in the real built app: a recharts chart of a held-out task or of points the
 * user places, with the fits of the learner (MAML here) and the pretrained baseline that the
 * training worker fine-tunes on those points. The checks read what is drawn (the lines' paths and the points'
 * positions), so a view that ignored the points, drew the same curve for every step, or stopped
 * following training would fail.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { servedApp } from './lifecycle';
import { openPlayground, readRun, waitForBackend, waitForRun } from './playgroundPage';

/** The default testInnerSteps: the slider's last step. */
const LAST_STEP = 10;
/** The step the view opens on. */
const OPENING_STEP = 1;
/** The grid the view asks the worker about. */
const GRID_POINTS = 101;
const FIT_TIMEOUT = 60_000;

const app = servedApp({ webgpu: false });

type Xy = readonly [number, number];
type Model = 'learner' | 'pretrained';

/** The vertices of a path made of M and L commands, in the svg's coordinates. */
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

/** Mean vertical distance, in pixels, from the points to the curve. */
function meanDistance(vertices: readonly Xy[], points: readonly Xy[]): number {
  const total = points.reduce((sum, [x, y]) => sum + Math.abs(pathHeightAt(vertices, x) - y), 0);
  return total / points.length;
}

/** A model's fit as recharts draws it; with a filter, only one made from those points and step. */
function fitCurve(page: Page, model: Model, filter: { support?: number; step?: number } = {}) {
  const support = filter.support === undefined ? '' : `[data-support="${filter.support}"]`;
  const step = filter.step === undefined ? '' : `[data-step="${filter.step}"]`;
  return page.locator(`.fnv .recharts-line.fnv-${model} path.recharts-line-curve${support}${step}`);
}

async function fitPath(page: Page, model: Model, support: number, step: number): Promise<string> {
  const path = fitCurve(page, model, { support, step });
  await path.waitFor({ state: 'attached', timeout: FIT_TIMEOUT });
  return (await path.getAttribute('d')) ?? '';
}

/** Both fits on `support` points at `step`, once each differs from the one given before. */
async function changedFits(
  page: Page,
  before: Readonly<Record<Model, string>>,
  support: number,
  step: number,
): Promise<Record<Model, string>> {
  const after = { learner: '', pretrained: '' };
  for (const model of ['learner', 'pretrained'] as const) {
    await expect
      .poll(
        async () => {
          const path = fitCurve(page, model, { support, step });
          after[model] = (await path.count()) === 1 ? ((await path.getAttribute('d')) ?? '') : '';
          return after[model] !== '' && after[model] !== before[model];
        },
        { timeout: FIT_TIMEOUT },
      )
      .toBe(true);
  }
  return after;
}

function pointButtons(page: Page): Locator {
  return page.getByRole('button', { name: /^Point \d+: x = / });
}

/** The centres of the placed points, in the svg's coordinates. */
async function placedPoints(page: Page): Promise<Xy[]> {
  const dots = page.locator('.fnv-point .fnv-point-dot');
  const points: Xy[] = [];
  for (let i = 0; i < (await dots.count()); i++) {
    const dot = dots.nth(i);
    points.push([Number(await dot.getAttribute('cx')), Number(await dot.getAttribute('cy'))]);
  }
  return points;
}

async function pointData(point: Locator): Promise<Xy> {
  return [Number(await point.getAttribute('data-x')), Number(await point.getAttribute('data-y'))];
}

/** Where on the screen a fraction (fx, fy) of the plot area is, and the data point there. */
interface PlotSpot {
  readonly screen: Xy;
  readonly data: Xy;
}

async function plotSpots(page: Page, fractions: readonly Xy[]): Promise<PlotSpot[]> {
  const surface = page.locator('.fnv-area');
  // Mouse events reach only what is inside the window.
  await surface.scrollIntoViewIfNeeded();
  const area = await surface.boundingBox();
  if (area === null) throw new Error('the plot area is not visible');
  // In data coordinates x spans [-5, 5] and y [-6, 6] across the plot area.
  return fractions.map(([fx, fy]) => ({
    screen: [area.x + fx * area.width, area.y + fy * area.height] as const,
    data: [-5 + 10 * fx, 6 - 12 * fy] as const,
  }));
}

function expectNear(actual: Xy, expected: Xy, tolerance: number): void {
  expect(Math.abs(actual[0] - expected[0])).toBeLessThan(tolerance);
  expect(Math.abs(actual[1] - expected[1])).toBeLessThan(tolerance);
}

/** In the compact layout the form for typed points is folded away with the help. */
async function showPointForm(page: Page): Promise<void> {
  const more = page.locator('details.fnv-more');
  if ((await more.count()) > 0 && (await more.getAttribute('open')) === null) {
    await more.locator('summary').click();
  }
}

describe('function view', () => {
  it('draws the fits with recharts, opens on step 1 and follows training', async () => {
    const { page, pageErrors } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      '?backend=wasm&iterations=100000',
    );
    await waitForBackend(page, 'wasm');
    expect(await page.locator('.fnv .recharts-wrapper svg.recharts-surface').count()).toBe(1);
    const slider = page.getByLabel('Inner steps', { exact: true });
    expect(await slider.inputValue()).toBe(String(OPENING_STEP));
    expect(await page.locator('.fnv-steps-value').textContent()).toBe(
      `${OPENING_STEP} / ${LAST_STEP}`,
    );

    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await waitForRun(page, (run) => run.state === 'running' && run.iteration > 0, 120_000);
    const first = fitCurve(page, 'learner', { step: OPENING_STEP });
    await first.waitFor({ state: 'attached', timeout: FIT_TIMEOUT });
    // The held-out task's points are the ones drawn, and the ones fine-tuned on.
    const heldOutPoints = await page.locator('.fnv-points .fnv-point-dot').count();
    expect(heldOutPoints).toBeGreaterThan(0);
    expect(Number(await first.getAttribute('data-support'))).toBe(heldOutPoints);
    const firstIteration = Number(await first.getAttribute('data-iteration'));
    const firstPath = (await first.getAttribute('d')) ?? '';
    expect(pathVertices(firstPath)).toHaveLength(GRID_POINTS);
    expect(await page.locator('.fnv .recharts-line.fnv-truth path').count()).toBe(1);

    // About once a second the worker predicts again with the parameters trained since.
    await expect
      .poll(async () => Number(await fitCurve(page, 'learner').getAttribute('data-iteration')), {
        timeout: FIT_TIMEOUT,
      })
      .toBeGreaterThan(firstIteration);
    const later = fitCurve(page, 'learner', { step: OPENING_STEP });
    expect(await later.getAttribute('d')).not.toBe(firstPath);
    expect((await readRun(page)).state).toBe('running');

    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('adapts both models to points placed, dragged and removed with the mouse', async () => {
    const { page, pageErrors } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      '?backend=wasm&iterations=200',
    );
    await waitForBackend(page, 'wasm');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await waitForRun(page, (run) => run.state === 'finished', 120_000);

    await page.getByRole('button', { name: 'Your own task' }).click();
    // Well away from y = 0, where an unadapted network tends to sit.
    const clicks = await plotSpots(page, [
      [0.15, 0.2],
      [0.5, 0.78],
      [0.85, 0.25],
    ]);
    for (const { screen } of clicks) await page.mouse.click(screen[0], screen[1]);

    expect(await pointButtons(page).count()).toBe(3);
    for (const [i, { data }] of clicks.entries()) {
      expectNear(await pointData(pointButtons(page).nth(i)), data, 0.1);
    }
    const points = await placedPoints(page);
    expect(points).toHaveLength(3);

    // The view shows step 1 first; the last step and step 0 are other curves.
    const slider = page.getByLabel('Inner steps', { exact: true });
    expect(await slider.inputValue()).toBe(String(OPENING_STEP));
    const atOpening = {
      learner: await fitPath(page, 'learner', 3, OPENING_STEP),
      pretrained: await fitPath(page, 'pretrained', 3, OPENING_STEP),
    };
    await slider.focus();
    await page.keyboard.press('End');
    const learnerLast = await fitPath(page, 'learner', 3, LAST_STEP);
    const learnerVertices = pathVertices(learnerLast);
    expect(learnerVertices).toHaveLength(GRID_POINTS);
    expect(pathVertices(await fitPath(page, 'pretrained', 3, LAST_STEP))).toHaveLength(GRID_POINTS);
    expect(learnerVertices.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y))).toBe(true);
    await page.keyboard.press('Home');
    expect(await slider.inputValue()).toBe('0');
    const learnerFirst = await fitPath(page, 'learner', 3, 0);
    expect(learnerFirst).not.toBe(learnerLast);
    expect(learnerFirst).not.toBe(atOpening.learner);
    // Fine-tuning brings the fit closer to the points.
    expect(meanDistance(learnerVertices, points)).toBeLessThan(
      meanDistance(pathVertices(learnerFirst), points),
    );

    // Drag the middle point up: it follows the pointer, and both models fit it anew.
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    expect(await slider.inputValue()).toBe(String(OPENING_STEP));
    const [target] = await plotSpots(page, [[0.6, 0.4]]);
    const middle = pointButtons(page).nth(1);
    const from = await middle.boundingBox();
    if (from === null || target === undefined) throw new Error('the point is not visible');
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(target.screen[0], target.screen[1], { steps: 8 });
    await page.mouse.up();
    expect(await pointButtons(page).count()).toBe(3);
    expectNear(await pointData(middle), target.data, 0.1);
    const afterDrag = await changedFits(page, atOpening, 3, OPENING_STEP);

    // Shift-click removes a point; both models are fine-tuned on the two left.
    await pointButtons(page)
      .nth(0)
      .click({ modifiers: ['Shift'] });
    expect(await pointButtons(page).count()).toBe(2);
    await changedFits(page, afterDrag, 2, OPENING_STEP);

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
    await showPointForm(page);

    for (const [x, y] of [
      ['-2', '1.5'],
      ['1', '-2'],
      ['3', '0.5'],
    ] as const) {
      await page.getByLabel('Point x').fill(x);
      await page.getByLabel('Point y').fill(y);
      await page.getByRole('button', { name: 'Add point' }).click();
    }
    expect(await pointButtons(page).count()).toBe(3);
    // Untrained, the models are fine-tuned on the three typed points all the same.
    const typed = {
      learner: await fitPath(page, 'learner', 3, OPENING_STEP),
      pretrained: await fitPath(page, 'pretrained', 3, OPENING_STEP),
    };

    const second = pointButtons(page).nth(1);
    await second.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowRight');
    expect(await second.getAttribute('aria-label')).toBe('Point 2: x = 1.10, y = -1.90');
    await page.keyboard.press('Shift+ArrowUp');
    expect(await second.getAttribute('aria-label')).toBe('Point 2: x = 1.10, y = -1.40');
    const moved = await changedFits(page, typed, 3, OPENING_STEP);

    await page.keyboard.press('Delete');
    expect(await pointButtons(page).count()).toBe(2);
    // Focus moved to a remaining point rather than being lost.
    const focused = await page.evaluate(() => {
      const scope = globalThis as unknown as {
        document: { activeElement: { getAttribute(name: string): string | null } | null };
      };
      return scope.document.activeElement?.getAttribute('aria-label');
    });
    expect(focused).toMatch(/^Point 2: x = 3\.00/);
    await changedFits(page, moved, 2, OPENING_STEP);

    await page.getByRole('button', { name: 'Clear points' }).click();
    expect(await pointButtons(page).count()).toBe(0);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});

/**
 * Test-side helpers for the recharts charts: find a chart by its name and a series by the class
 * name the page gives it, and read what recharts drew. Recharts puts a series' class on the group
 * around its path (`g.<name> path.recharts-line-curve`, `g.<name> path.recharts-area-area`) and
 * the page draws markers (class `chart-dot`) inside the line's group, or, for a lone point, as
 * recharts' dots (`chart-dot-<data key>`) in a layer of their own.
 * Live charts redraw only while in view, so tests bring a chart into view before they wait on it.
 */
import type { Locator, Page } from 'playwright-core';

/** A chart by its data-chart name, e.g. 'loss' or 'main'. */
export function chartFigure(page: Page, name: string): Locator {
  return page.locator(`figure[data-chart="${name}"]`);
}

/** The drawn path of every line series with this class name inside `scope`. */
export function seriesLines(scope: Locator, className: string): Locator {
  return scope.locator(`g.${className} path.recharts-line-curve`);
}

/** The drawn path of every area (band) series with this class name inside `scope`. */
export function seriesAreas(scope: Locator, className: string): Locator {
  return scope.locator(`g.${className} path.recharts-area-area`);
}

/**
 * The markers of a line series inside `scope`: drawn inside its group (class `className`), or,
 * for a line of a single point, as dots of its data key in recharts' layer of dots.
 */
export function seriesMarkers(scope: Locator, className: string, dataKey: string): Locator {
  return scope.locator(`g.${className} .chart-dot, .chart-dot-${dataKey}`);
}

/** Vertices of the first path's `d` (0 when there is no such path). */
export async function vertices(paths: Locator): Promise<number> {
  if ((await paths.count()) === 0) return 0;
  const d = (await paths.first().getAttribute('d')) ?? '';
  return (d.match(/[ML]/g) ?? []).length;
}

/** How many of the paths have at least two vertices (a drawn line, not a lone point). */
export async function drawnPaths(paths: Locator): Promise<number> {
  let drawn = 0;
  for (const path of await paths.all()) {
    const d = (await path.getAttribute('d')) ?? '';
    if ((d.match(/L/g) ?? []).length >= 1) drawn += 1;
  }
  return drawn;
}

/** Scrolls the first match into view, so a live chart there starts redrawing. */
export async function bringIntoView(locator: Locator): Promise<void> {
  await locator.first().scrollIntoViewIfNeeded();
}

/** Selects a view in the row of tabs under the first screen, e.g. 'Inside the learner'. */
export async function openView(page: Page, name: string): Promise<void> {
  await page
    .getByRole('tablist', { name: 'Views' })
    .getByRole('tab', { name, exact: true })
    .click();
}

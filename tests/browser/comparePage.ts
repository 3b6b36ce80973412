/**
 * Test-side helpers for the comparison view and the learner's insights: find their parts by role
 * and name, and read what they draw from the DOM (charts: see chartsPage.ts).
 */
import type { Locator, Page } from 'playwright-core';

/** The comparison view's section. */
export function compareView(page: Page): Locator {
  return page.getByRole('region', { name: 'Compare algorithms', exact: true });
}

/** One algorithm's checkbox among those to compare, by its name on the page. */
export function algorithmBox(page: Page, name: string): Locator {
  return page
    .getByRole('group', { name: 'Compare algorithms', exact: true })
    .getByRole('checkbox', { name, exact: true });
}

export function runComparisonButton(page: Page): Locator {
  return page.getByRole('button', { name: 'Run comparison', exact: true });
}

/** The task-relations heatmap's grid. */
export function relationsGrid(page: Page): Locator {
  return page.getByRole('grid', { name: 'Task relations', exact: true });
}

/**
 * The heatmap as numbers: its task labels and the cosine in every cell, row by row. Read with CSS
 * selectors: finding elements by role runs in the page, and is too heavy to poll with.
 */
export async function readHeatmap(page: Page): Promise<{ labels: string[]; cells: number[] }> {
  const grid = page.locator('svg.heatmap');
  if ((await grid.count()) === 0) return { labels: [], cells: [] };
  const labels = await grid.locator('[role="rowheader"]').allTextContents();
  // The Node type-check has no DOM: the cells are read as the little they are used for.
  type Cell = { getAttribute(name: string): string | null };
  const cells = await grid
    .locator('rect.heat-cell')
    .evaluateAll((rects) =>
      rects.map((rect) => Number((rect as unknown as Cell).getAttribute('data-value'))),
    );
  return { labels, cells };
}

/** The page's scroll width, to check nothing overflows a narrow window. */
export function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
        .documentElement.scrollWidth,
  );
}

/**
 * The Learn path, in the real built app: every lesson link opens its settings and its text, the
 * Previous and Next buttons and the keyboard move between lessons (a new history entry each,
 * opening the lesson's starting state without training on from it), Close takes the lesson out of the address, a bad lesson value is
 * reported as text, and the header's Learn menu lists every lesson.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseLink, toQuery } from '../../src/core/config';
import { LESSONS, lessonQuery, type Lesson } from '../../src/core/lessons/lessons';
import { servedApp } from './lifecycle';
import { openPlayground } from './playgroundPage';
import { control, readStore, showEveryControl } from './settingsControls';

const app = servedApp({ webgpu: false });

function lesson(n: number): Lesson {
  return LESSONS[n - 1]!;
}

/** The settings a lesson opens with, as a full query. */
function lessonSettings(n: number): string {
  return toQuery(parseLink(`?${lessonQuery(lesson(n))}`).config);
}

function lessonPanel(page: Page) {
  return page.locator('aside.lesson-panel[data-lesson]');
}

/** Waits for lesson `n` to be shown, then checks the page's settings and address hold its own. */
async function expectLesson(page: Page, n: number): Promise<void> {
  await expect
    .poll(() => lessonPanel(page).getAttribute('data-lesson'), { timeout: 30_000 })
    .toBe(String(n));
  const panel = lessonPanel(page);
  await expect
    .poll(() => panel.getByRole('heading', { level: 2 }).textContent())
    .toBe(lesson(n).title);
  const text = (await panel.textContent()) ?? '';
  expect(text).toContain(lesson(n).question);
  expect(text).toContain(`Lesson ${n} of ${LESSONS.length}`);
  const address = new URL(page.url());
  expect(address.searchParams.get('lesson')).toBe(String(n));
  expect(toQuery(parseLink(address.search).config)).toBe(lessonSettings(n));
  await expect.poll(async () => toQuery((await readStore(page)).settings)).toBe(lessonSettings(n));
}

function historyLength(page: Page): Promise<number> {
  return page.evaluate(
    () => (globalThis as unknown as { history: { length: number } }).history.length,
  );
}

describe('the Learn path', () => {
  it('opens every lesson from its link with its settings and text', async () => {
    const { page, context, pageErrors } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      '?lesson=1',
    );
    await expectLesson(page, 1);
    // The settings controls show the lesson's values.
    await showEveryControl(page);
    const settings = parseLink(`?${lessonQuery(lesson(1))}`).config;
    expect(await control(page, 'iterations').inputValue()).toBe(String(settings.iterations));
    expect(await control(page, 'shots').inputValue()).toBe(String(settings.shots));
    // Keys typed into a field stay there.
    await control(page, 'iterations').focus();
    await page.keyboard.press('n');
    await page.waitForTimeout(300);
    expect(await lessonPanel(page).getAttribute('data-lesson')).toBe('1');
    for (let n = 2; n <= LESSONS.length; n += 1) {
      await page.goto(`${app.server.baseUrl}/?lesson=${n}`);
      await expectLesson(page, n);
    }
    // A link with settings keeps them, and still shows the lesson.
    await page.goto(`${app.server.baseUrl}/?shots=7&lesson=2`);
    await expect.poll(() => lessonPanel(page).getAttribute('data-lesson')).toBe('2');
    expect((await readStore(page)).settings.shots).toBe(7);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('moves between lessons with Previous, Next and the keyboard, without starting training', async () => {
    const { page, context, pageErrors } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      '?lesson=2&present=1',
    );
    await expectLesson(page, 2);
    const before = await historyLength(page);
    await lessonPanel(page).getByRole('button', { name: 'Next →' }).click();
    await expectLesson(page, 3);
    // The other page keys stay, and the move is a history entry of its own.
    expect(new URL(page.url()).searchParams.get('present')).toBe('1');
    expect(await historyLength(page)).toBe(before + 1);
    // It opens from its starting state, and waits there for Start.
    await expect
      .poll(async () => (await readStore(page)).run.iteration, { timeout: 30_000 })
      .toBe(lesson(3).startIteration);
    const store = await readStore(page);
    expect(store.run.state === 'idle' || store.run.state === 'starting').toBe(true);
    expect(toQuery(store.run.config).replace(/&backend=[^&]*/, '')).toBe(
      lessonSettings(3).replace(/&backend=[^&]*/, ''),
    );
    // In classroom mode too the lesson sits beside the stage.
    await page.setViewportSize({ width: 1280, height: 720 });
    const panel = await lessonPanel(page).boundingBox();
    const stage = await page.locator('.stage').boundingBox();
    expect(panel!.x + panel!.width).toBeLessThanOrEqual(stage!.x);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: 'test-results/screens/lesson-present-1280x720.png' });

    await lessonPanel(page).getByRole('button', { name: '← Previous' }).click();
    await expectLesson(page, 2);
    await page.locator('body').focus();
    await page.keyboard.press('n');
    await expectLesson(page, 3);
    await page.keyboard.press(']');
    await expectLesson(page, 4);
    await page.keyboard.press('p');
    await expectLesson(page, 3);
    // Back returns to the previous lesson, settings and all.
    await page.goBack();
    await expectLesson(page, 4);
    await page.goBack();
    await expectLesson(page, 3);

    // The path ends: Previous on the first lesson and Next on the last are disabled.
    await page.goto(`${app.server.baseUrl}/?lesson=1`);
    await expectLesson(page, 1);
    expect(await lessonPanel(page).getByRole('button', { name: '← Previous' }).isDisabled()).toBe(
      true,
    );
    await page.goto(`${app.server.baseUrl}/?lesson=${LESSONS.length}`);
    await expectLesson(page, LESSONS.length);
    expect(await lessonPanel(page).getByRole('button', { name: 'Next →' }).isDisabled()).toBe(true);

    // Close takes the lesson out of the address and keeps the settings.
    await lessonPanel(page).getByRole('button', { name: 'Close the lesson' }).click();
    await expect.poll(() => lessonPanel(page).count()).toBe(0);
    expect(new URL(page.url()).searchParams.has('lesson')).toBe(false);
    expect(toQuery(parseLink(new URL(page.url()).search).config)).toBe(
      lessonSettings(LESSONS.length),
    );
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('reports a bad lesson value as text and shows no lesson', async () => {
    const { page, context, pageErrors } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      '?lesson=%3Cb%3E42%3C%2Fb%3E',
    );
    const notice = page.getByRole('alert').filter({ hasText: 'not on the path' });
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toContain('“<b>42</b>”');
    expect(await notice.locator('b').count()).toBe(0);
    expect(await lessonPanel(page).count()).toBe(0);
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => notice.count()).toBe(0);
    expect(new URL(page.url()).searchParams.has('lesson')).toBe(false);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('lists every lesson in the Learn menu, and fits a laptop and a phone', async () => {
    const { page, context, pageErrors } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      '?lesson=3',
    );
    await page.setViewportSize({ width: 1280, height: 720 });
    await expectLesson(page, 3);
    const panel = lessonPanel(page);
    const box = await panel.boundingBox();
    const stage = await page.locator('.stage').boundingBox();
    expect(box).not.toBeNull();
    expect(stage).not.toBeNull();
    // Beside the charts: to the left of the stage, starting on the first screen.
    expect(box!.x + box!.width).toBeLessThanOrEqual(stage!.x);
    expect(box!.y).toBeLessThan(720);
    await page.screenshot({ path: 'test-results/screens/lesson-1280x720.png' });

    await page.getByText('Learn', { exact: true }).click();
    const links = page.getByRole('navigation', { name: 'Lessons' }).getByRole('link');
    expect(await links.count()).toBe(LESSONS.length);
    for (let n = 1; n <= LESSONS.length; n += 1) {
      expect(await links.nth(n - 1).getAttribute('href')).toBe(`?lesson=${n}`);
      expect(await links.nth(n - 1).textContent()).toBe(lesson(n).title);
    }
    await links.nth(4).click();
    await expectLesson(page, 5);

    await page.setViewportSize({ width: 390, height: 844 });
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } })
              .document.documentElement.scrollWidth,
        ),
      )
      .toBeLessThanOrEqual(390);
    const narrow = await lessonPanel(page).boundingBox();
    expect(narrow!.width).toBeLessThanOrEqual(390);
    // The lesson's text folds, so the learning starts on the first screen: at least a third of
    // it shows the stage; opening the fold reads the whole lesson.
    await page.evaluate('window.scrollTo(0, 0)');
    const phoneStage = await page.locator('.stage').boundingBox();
    expect(phoneStage!.y).toBeLessThan((844 * 2) / 3);
    const fold = lessonPanel(page).locator('details.lesson-more');
    expect(await lessonPanel(page).getByText(lesson(5).text).isVisible()).toBe(false);
    await fold.locator(':scope > summary').click();
    expect(await lessonPanel(page).getByText(lesson(5).text).isVisible()).toBe(true);
    await page.screenshot({ path: 'test-results/screens/lesson-390x844.png' });
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});

/**
 * "Export as PyTorch script" in the real built app: the button downloads the script for the
 * page's settings, exactly as the core writes it; for settings the script cannot honour it is
 * disabled and the reason is shown as text.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/core/config';
import { pytorchScript } from '../../src/core/export/pytorchScript';
import { openView } from './chartsPage';
import { servedApp } from './lifecycle';
import { openPlayground } from './playgroundPage';

const app = servedApp({ webgpu: false });
const dir = mkdtempSync(join(tmpdir(), 'pytorch-export-page-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const SINE_LINK = '?task=sinusoid&algorithm=anil&backend=wasm&innerLr=0.03&seed=7';
const GLYPHS_LINK = '?task=glyphs&algorithm=maml&backend=wasm';

describe('Export as PyTorch script', () => {
  it("downloads the core's script for the page's settings", async () => {
    const { page } = await openPlayground(app.browser, app.server.baseUrl, SINE_LINK);
    await openView(page, 'Save & export');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export as PyTorch script' }).click(),
    ]);
    const expected = pytorchScript(parseQuery(SINE_LINK.slice(1)).config);
    if (!expected.ok) throw new Error(expected.reason);
    expect(download.suggestedFilename()).toBe(expected.fileName);
    const path = join(dir, expected.fileName);
    await download.saveAs(path);
    expect(readFileSync(path, 'utf8')).toBe(expected.text);
    await expect(page.getByText('torchrun --nproc_per_node 2').count()).resolves.toBe(1);
  });

  it('names the reason, with the button disabled, for settings it cannot export', async () => {
    const { page } = await openPlayground(app.browser, app.server.baseUrl, GLYPHS_LINK);
    await openView(page, 'Save & export');
    const button = page.getByRole('button', { name: 'Export as PyTorch script' });
    await expect(button.isDisabled()).resolves.toBe(true);
    const reason = await button.getAttribute('aria-describedby');
    const text = await page.locator(`[id="${reason ?? ''}"]`).textContent();
    expect(text).toContain('glyphs');
  });
});

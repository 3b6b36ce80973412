import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, startPreview, type PreviewHandle } from '../../src/cli/browser/harness';

/**
 * Serves the built app and launches Chromium once for the calling test file, closing both after
 * it. The getters read them inside tests (they exist only once beforeAll has run).
 */
export function servedApp(options: { webgpu: boolean }): {
  readonly server: PreviewHandle;
  readonly browser: Browser;
} {
  let server: PreviewHandle | null = null;
  let browser: Browser | null = null;
  beforeAll(async () => {
    server = await startPreview();
    browser = await launchBrowser(options);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      if (!server) throw new Error('the preview server is not running yet');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not running yet');
      return browser;
    },
  };
}

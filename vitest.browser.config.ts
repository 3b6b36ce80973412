import { defineConfig } from 'vitest/config';

// End-to-end tests against the production build in headless Chromium (see tests/browser/).
// Separate from vitest.config.ts because they need `npm run build` first and a browser installed.
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // Each file starts its own preview server and browsers; one at a time keeps them from
    // competing for the CPU (software WebGL/WebGPU is slow) and keeps timings meaningful.
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // The JSON report lets CI print a one-line count of passed and failed tests.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/browser.json' },
  },
});

import { defineConfig } from 'vitest/config';
import { HANG_LIMIT_MS } from './tests/helpers/hangLimit';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    // Tests are bounded by their work, not by the clock: the limit only catches a hang.
    testTimeout: HANG_LIMIT_MS,
    hookTimeout: HANG_LIMIT_MS,
    pool: 'forks',
    // The JSON report lets CI print a one-line count of passed and failed tests.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/unit.json' },
  },
});

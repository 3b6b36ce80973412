import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The JSON report lets CI print a one-line count of passed and failed tests.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/unit.json' },
  },
});

import { describe, expect, it } from 'vitest';
import { checkSecondOrderGradient, GRADIENT_TOLERANCE } from '../../src/core/check/gradientCheck';
import { startBackend } from '../../src/cli/nodeBackend';

describe('backend self-check', () => {
  it.each(['wasm', 'cpu'] as const)('passes on %s, with the error it measured', async (backend) => {
    await startBackend(backend);
    const result = await checkSecondOrderGradient();
    expect(result.passed).toBe(true);
    expect(result.relativeError).toBeLessThan(GRADIENT_TOLERANCE);
    // Float32 arithmetic cannot match float64 finite differences exactly.
    expect(result.relativeError).toBeGreaterThan(0);
    expect(result.message).toMatch(/passed/);
  });

  it.each(['wasm', 'cpu'] as const)(
    'checks the convolutional classifier too, quickly, on %s',
    async (backend) => {
      await startBackend(backend);
      await checkSecondOrderGradient();
      const result = await checkSecondOrderGradient();
      expect(result.checks.map((c) => c.network)).toContain('conv classifier, batch norm');
      for (const check of result.checks) {
        expect(check.relativeError).toBeLessThan(GRADIENT_TOLERANCE);
        expect(check.relativeError).toBeGreaterThan(0);
      }
      expect(result.relativeError).toBe(Math.max(...result.checks.map((c) => c.relativeError)));
    },
  );
});

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
});

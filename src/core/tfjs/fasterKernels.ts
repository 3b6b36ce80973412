import * as tfjs from '@tensorflow/tfjs';
import { useFastCpuBlockKernels } from './cpuBlockKernels';
import { shareIdentityOnWasm } from './wasmIdentity';
import { useSimdBatchMatMulOnWasm } from './simd/wasmBatchMatMul';

/**
 * Swaps in, for the active backend, kernels that compute the same values faster (see
 * cpuBlockKernels.ts, wasmIdentity.ts and simd/wasmBatchMatMul.ts). Idempotent and cheap, so it
 * runs wherever a backend starts and the classification networks call it on every evaluation: it
 * then holds whichever backend is active and whatever order the backend packages were imported in.
 */
export function useFasterKernels(): void {
  const backend = tfjs.getBackend();
  if (backend === 'wasm') {
    shareIdentityOnWasm();
    useSimdBatchMatMulOnWasm();
  } else if (backend === 'cpu') useFastCpuBlockKernels();
}

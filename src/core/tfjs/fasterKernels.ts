import * as tfjs from '@tensorflow/tfjs';
import { useFastCpuBlockKernels } from './cpuBlockKernels';
import { shareIdentityOnWasm } from './wasmIdentity';

/**
 * Swaps in, for the active backend, kernels that compute the same values faster (see
 * cpuBlockKernels.ts and wasmIdentity.ts). Idempotent and cheap, so the classification networks
 * call it on every evaluation: it then holds whichever backend is active and whatever order the
 * backend packages were imported in.
 */
export function useFasterKernels(): void {
  const backend = tfjs.getBackend();
  if (backend === 'wasm') shareIdentityOnWasm();
  else if (backend === 'cpu') useFastCpuBlockKernels();
}

import * as tfjs from '@tensorflow/tfjs';

/**
 * The WASM backend's Identity kernel copies its input. tfjs runs Identity for every tensor a
 * gradient saves, so under MAML's second-order tape it doubled the memory of the largest tensors
 * (image patches) and cost a third of the time (measured: 900 -> 600 ms and 400 -> 330 MB heap
 * per meta-iteration, 8 tasks, 32 filters). Tensors are immutable, so the copy can share the
 * input's data with a reference count, as the CPU backend's Identity and WASM's own Reshape do.
 */
function sharedIdentity({
  inputs,
  backend,
}: {
  inputs: tfjs.NamedTensorInfoMap;
  backend: unknown;
}) {
  const x = inputs.x!;
  (backend as { incRef(dataId: tfjs.DataId): void }).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

/**
 * Installs the sharing Identity for the WASM backend if it is not already in place. Called where
 * WASM work starts, rather than at import, because importing the WASM backend package registers
 * its own kernels and would replace one registered earlier. It serves every later gradient on
 * WASM, not only the classifiers'.
 */
export function shareIdentityOnWasm(): void {
  // Typed as always found, but undefined when the WASM backend is not loaded.
  const current = tfjs.getKernel(tfjs.Identity, 'wasm') as tfjs.KernelConfig | undefined;
  if (current?.kernelFunc === sharedIdentity) return;
  if (current) tfjs.unregisterKernel(tfjs.Identity, 'wasm');
  tfjs.registerKernel({
    kernelName: tfjs.Identity,
    backendName: 'wasm',
    kernelFunc: sharedIdentity,
  });
}

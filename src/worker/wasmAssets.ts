/**
 * The WASM backend's binaries, bundled with the app by Vite (hashed file names, served from our own
 * origin) so that no CDN is ever contacted, and whether it may run on several threads.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plainWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { tf } from '../core/tfjs/tf';
import { threadsAskedOf, workerName } from './threadsName';

/**
 * Why the WASM backend runs on one thread here, or null when it may use several. The link must ask
 * for them (`threads=1`, which names the worker so). Threads share memory (SharedArrayBuffer),
 * which exists only in a cross-origin isolated page (the COOP/COEP headers of vite.config.ts).
 * TensorFlow.js gives XNNPACK half the logical cores, so below four it would start its eight
 * helper workers and then compute on one thread anyway.
 */
export function singleThreadReason(): string | null {
  // Measured on a 2-core machine, several threads made every step slower: they are asked for.
  if (!threadsAskedOf(workerName())) return 'add threads=1 to the link for several';
  const scope = globalThis as { crossOriginIsolated?: boolean };
  if (scope.crossOriginIsolated !== true) return 'the page is not cross-origin isolated';
  const cores = navigator.hardwareConcurrency;
  if (cores < 4) {
    return `this machine reports ${cores} logical core${cores === 1 ? '' : 's'} (TensorFlow.js uses half)`;
  }
  return null;
}

export function useBundledWasm(): void {
  setWasmPaths({
    'tfjs-backend-wasm.wasm': plainWasm,
    'tfjs-backend-wasm-simd.wasm': simdWasm,
    'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdWasm,
  });
  // Where threads are possible, TensorFlow.js's own test decides (SharedArrayBuffer, WebAssembly
  // threads). Its helper threads load tfjs-backend-wasm-threaded-simd.js, which the build emits
  // as a file (src/cli/build/threadedWasm.ts).
  if (singleThreadReason() !== null) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
}

/**
 * The WASM backend's binaries, bundled with the app by Vite (hashed file names, served from our own
 * origin) so that no CDN is ever contacted.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plainWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { tf } from '../core/tfjs/tf';

export function useBundledWasm(): void {
  setWasmPaths({
    'tfjs-backend-wasm.wasm': plainWasm,
    'tfjs-backend-wasm-simd.wasm': simdWasm,
    'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdWasm,
  });
  // The multi-threaded build starts its helper threads from the source text of a bundled function,
  // which minification breaks ("e is not defined" in every helper). Single-threaded SIMD is used
  // instead; for models this small, kernel overhead rather than arithmetic sets the pace anyway.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
}

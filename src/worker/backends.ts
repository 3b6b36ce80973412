/**
 * Choosing where the maths runs. Backends are tried in order (WebGPU, WebGL, WASM, CPU; a forced
 * one first). Each must be present in this browser, start in tfjs, and pass the second-order
 * gradient self-check; the first that does is used, and the reason each other one was passed over
 * is kept for the page to show.
 */
import '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { tf } from '../core/tfjs/tf';
import { checkSecondOrderGradient } from '../core/check/gradientCheck';
import { BACKEND_ORDER, type BackendAttempt, type BackendName } from './protocol';
import { useBundledWasm } from './wasmAssets';

interface GpuAdapterInfo {
  readonly vendor?: string;
  readonly architecture?: string;
  readonly description?: string;
}
interface GpuAdapter {
  readonly info?: GpuAdapterInfo;
}
interface NavigatorWithGpu {
  readonly gpu?: { requestAdapter(): Promise<GpuAdapter | null> };
}

/** Whether the browser offers this backend at all: null if so, else why not. */
async function unavailableReason(backend: BackendName): Promise<string | null> {
  switch (backend) {
    case 'webgpu': {
      const gpu = (navigator as NavigatorWithGpu).gpu;
      if (!gpu) return 'this browser has no WebGPU (navigator.gpu is missing)';
      const adapter = await gpu.requestAdapter();
      return adapter
        ? null
        : 'no WebGPU adapter: requestAdapter() returned null (no usable GPU, or WebGPU is disabled)';
    }
    case 'webgl':
      if (typeof OffscreenCanvas === 'undefined') return 'no OffscreenCanvas in workers here';
      return new OffscreenCanvas(1, 1).getContext('webgl2')
        ? null
        : 'WebGL2 is not available in a worker (getContext("webgl2") returned null)';
    case 'wasm':
      return typeof WebAssembly === 'object' ? null : 'this browser has no WebAssembly';
    case 'cpu':
      return null;
  }
}

/** A short description of the hardware or build the active backend runs on. */
export async function describeBackend(backend: BackendName): Promise<string> {
  switch (backend) {
    case 'webgpu': {
      const adapter = await (navigator as NavigatorWithGpu).gpu?.requestAdapter();
      const info = adapter?.info;
      const parts = [info?.vendor, info?.architecture, info?.description].filter(
        (part): part is string => typeof part === 'string' && part !== '',
      );
      return parts.length > 0 ? parts.join(', ') : 'WebGPU adapter (no details given)';
    }
    case 'webgl': {
      const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
      const debug = gl?.getExtension('WEBGL_debug_renderer_info');
      const renderer: unknown = gl && debug ? gl.getParameter(debug.UNMASKED_RENDERER_WEBGL) : null;
      return typeof renderer === 'string' ? `WebGL2, ${renderer}` : 'WebGL2';
    }
    case 'wasm': {
      const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
      const threads = getThreadsCount();
      return `WebAssembly${simd ? ', SIMD' : ''}, ${threads} thread${threads === 1 ? '' : 's'}`;
    }
    case 'cpu':
      return 'plain JavaScript on the main CPU thread of this worker';
  }
}

/** The order to try: a forced backend first, then the rest; failed ones left out. */
export function tryOrder(
  choice: 'auto' | BackendName,
  exclude: readonly BackendName[],
): BackendName[] {
  const order =
    choice === 'auto' ? [...BACKEND_ORDER] : [choice, ...BACKEND_ORDER.filter((b) => b !== choice)];
  return order.filter((backend) => !exclude.includes(backend));
}

export interface Selection {
  readonly backend: BackendName | null;
  readonly attempts: BackendAttempt[];
}

/** Tries backends in order and activates the first that passes; never throws. */
export async function selectBackend(
  choice: 'auto' | BackendName,
  exclude: readonly BackendName[],
): Promise<Selection> {
  useBundledWasm();
  const attempts: BackendAttempt[] = [];
  for (const backend of tryOrder(choice, exclude)) {
    const reason = await tryBackend(backend);
    if (reason.passed) {
      attempts.push({ backend, used: true, reason: reason.message });
      return { backend, attempts };
    }
    attempts.push({ backend, used: false, reason: reason.message });
  }
  return { backend: null, attempts };
}

async function tryBackend(backend: BackendName): Promise<{ passed: boolean; message: string }> {
  try {
    const missing = await unavailableReason(backend);
    if (missing) return { passed: false, message: missing };
    if (!(await tf.setBackend(backend))) {
      return { passed: false, message: 'TensorFlow.js could not start it' };
    }
    await tf.ready();
    const check = await checkSecondOrderGradient();
    return { passed: check.passed, message: check.message };
  } catch (error) {
    return { passed: false, message: `it failed to start: ${errorText(error)}` };
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

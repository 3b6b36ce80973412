/**
 * What this browser offers each backend, and what the backend would run on: the GPU adapter or
 * WebGL renderer (and whether that is a software renderer), or the WASM build.
 */
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { tf } from '../core/tfjs/tf';
import type { BackendName } from './protocol';
import { isSoftwareRenderer } from './softwareRenderer';
import { singleThreadReason } from './wasmAssets';

interface GpuAdapterInfo {
  readonly vendor?: string;
  readonly architecture?: string;
  readonly description?: string;
  readonly isFallbackAdapter?: boolean;
}
interface GpuAdapter {
  readonly info?: GpuAdapterInfo;
  /** Older browsers put it here rather than in `info`. */
  readonly isFallbackAdapter?: boolean;
}
interface NavigatorWithGpu {
  readonly gpu?: { requestAdapter(): Promise<GpuAdapter | null> };
}

function webgpu(): NavigatorWithGpu['gpu'] {
  return (navigator as NavigatorWithGpu).gpu;
}

/** Whether the browser offers this backend at all: null if so, else why not. */
export async function unavailableReason(backend: BackendName): Promise<string | null> {
  switch (backend) {
    case 'webgpu': {
      const gpu = webgpu();
      if (!gpu) return 'this browser has no WebGPU (navigator.gpu is missing)';
      const adapter = await gpu.requestAdapter();
      return adapter
        ? null
        : 'no WebGPU adapter: requestAdapter() returned null (no usable GPU, or WebGPU is disabled)';
    }
    case 'webgl':
      if (typeof OffscreenCanvas === 'undefined') return 'no OffscreenCanvas in workers here';
      return withWebGl2((gl) => gl !== null)
        ? null
        : 'WebGL2 is not available in a worker (getContext("webgl2") returned null)';
    case 'wasm':
      return typeof WebAssembly === 'object' ? null : 'this browser has no WebAssembly';
    case 'cpu':
      return null;
  }
}

/**
 * Asks a throwaway WebGL2 context, then gives it up at once: Chromium keeps only so many contexts
 * and loses the oldest beyond that, which could be the one training runs on.
 */
function withWebGl2<T>(ask: (gl: WebGL2RenderingContext | null) => T): T {
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  try {
    return ask(gl);
  } finally {
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
  }
}

export interface AdapterDescription {
  /**
   * e.g. "google, swiftshader, SwiftShader Device", "WebAssembly, SIMD, 4 threads" or
   * "WebAssembly, SIMD, single thread: the page is not cross-origin isolated".
   */
  readonly text: string;
  /** A software renderer standing in for a GPU. */
  readonly software: boolean;
}

/** What the backend runs on; for WASM, ask once the backend is active (it reads its build). */
export async function describeAdapter(backend: BackendName): Promise<AdapterDescription> {
  switch (backend) {
    case 'webgpu': {
      const adapter = await webgpu()?.requestAdapter();
      const info = adapter?.info;
      const parts = [info?.vendor, info?.architecture, info?.description].filter(
        (part): part is string => typeof part === 'string' && part !== '',
      );
      const text = parts.length > 0 ? parts.join(', ') : 'WebGPU adapter (no details given)';
      const fallback = info?.isFallbackAdapter === true || adapter?.isFallbackAdapter === true;
      return {
        text: fallback ? `${text}, fallback adapter` : text,
        software: isSoftwareRenderer(text, fallback),
      };
    }
    case 'webgl': {
      const renderer = withWebGl2((gl) => {
        const debug = gl?.getExtension('WEBGL_debug_renderer_info');
        return gl && debug ? (gl.getParameter(debug.UNMASKED_RENDERER_WEBGL) as unknown) : null;
      });
      const text = typeof renderer === 'string' ? `WebGL2, ${renderer}` : 'WebGL2';
      return { text, software: isSoftwareRenderer(text) };
    }
    case 'wasm': {
      const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
      return { text: `WebAssembly${simd ? ', SIMD' : ''}, ${wasmThreads()}`, software: false };
    }
    case 'cpu':
      return { text: 'plain JavaScript on the thread of its worker', software: false };
  }
}

/** The active WASM backend's XNNPACK threads, and why only one if so. */
function wasmThreads(): string {
  const threads = getThreadsCount();
  if (threads > 1) return `${threads} threads`;
  const reason = singleThreadReason();
  return reason === null ? 'single thread' : `single thread: ${reason}`;
}

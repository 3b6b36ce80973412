/**
 * Losing the GPU mid-run: noticing it, and causing it on purpose so recovery can be tested with the
 * real mechanism (a destroyed WebGPU device, a lost WebGL context) rather than a pretend error.
 */
import { tf } from '../core/tfjs/tf';
import type { BackendName } from './protocol';

interface WebGpuBackendInternals {
  readonly device: { destroy(): void; readonly lost: Promise<{ readonly message: string }> };
}
interface WebGlBackendInternals {
  readonly gpgpu: { readonly gl: WebGL2RenderingContext & { readonly canvas: OffscreenCanvas } };
}

/** Calls `onLost` with a reason if the active GPU backend loses its device or context. */
export function watchDeviceLoss(backend: BackendName, onLost: (reason: string) => void): void {
  if (backend === 'webgpu') {
    const { device } = tf.backend() as unknown as WebGpuBackendInternals;
    void device.lost.then((info) => {
      onLost(`the WebGPU device was lost${info.message ? ` (${info.message})` : ''}`);
    });
  } else if (backend === 'webgl') {
    const { gl } = (tf.backend() as unknown as WebGlBackendInternals).gpgpu;
    gl.canvas.addEventListener('webglcontextlost', () => {
      onLost('the WebGL context was lost');
    });
  }
}

/** Really loses the GPU of the active backend; returns what was done. */
export function loseDevice(backend: BackendName): string {
  if (backend === 'webgpu') {
    (tf.backend() as unknown as WebGpuBackendInternals).device.destroy();
    return 'destroyed the WebGPU device';
  }
  if (backend === 'webgl') {
    const { gl } = (tf.backend() as unknown as WebGlBackendInternals).gpgpu;
    const extension = gl.getExtension('WEBGL_lose_context');
    if (!extension) return 'WEBGL_lose_context is not available';
    extension.loseContext();
    return 'lost the WebGL context';
  }
  return `the ${backend} backend has no GPU device to lose`;
}

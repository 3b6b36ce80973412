import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { tf } from '../core/tfjs/tf';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { NodeBackend } from './args';
import { useFasterKernels } from '../core/tfjs/fasterKernels';

/**
 * Starts a tfjs backend in Node. WASM binaries are read from the installed package's own folder
 * (never fetched from a CDN).
 */
export async function startBackend(name: NodeBackend): Promise<string> {
  if (name === 'wasm') {
    const require = createRequire(import.meta.url);
    setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`);
  }
  if (!(await tf.setBackend(name))) throw new Error(`The ${name} backend could not start.`);
  await tf.ready();
  useFasterKernels();
  return tf.getBackend();
}

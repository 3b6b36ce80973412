/**
 * Starting one backend in this worker and trusting it: it must be present in this browser, start
 * in TensorFlow.js and pass the second-order gradient self-check. And the order to try backends in
 * when the link names one: that one first, then the usual fallback order.
 */
import '@tensorflow/tfjs-backend-webgpu';
import { tf } from '../core/tfjs/tf';
import { checkSecondOrderGradient } from '../core/check/gradientCheck';
import { BACKEND_ORDER, type BackendName } from './protocol';
import { unavailableReason } from './adapterInfo';
import { useBundledWasm } from './wasmAssets';
import { errorText } from './errorText';
import { useFasterKernels } from '../core/tfjs/fasterKernels';

/** The order to try: a forced backend first, then the rest; failed ones left out. */
export function tryOrder(
  choice: 'auto' | BackendName,
  exclude: readonly BackendName[],
): BackendName[] {
  const order =
    choice === 'auto' ? [...BACKEND_ORDER] : [choice, ...BACKEND_ORDER.filter((b) => b !== choice)];
  return order.filter((backend) => !exclude.includes(backend));
}

export interface CheckResult {
  readonly passed: boolean;
  /** What the self-check measured, or why the backend could not run. */
  readonly message: string;
}

/** Activates `backend` and runs the self-check on it; never throws. */
export async function startAndCheck(backend: BackendName): Promise<CheckResult> {
  useBundledWasm();
  try {
    const missing = await unavailableReason(backend);
    if (missing) return { passed: false, message: missing };
    if (!(await tf.setBackend(backend))) {
      return { passed: false, message: 'TensorFlow.js could not start it' };
    }
    await tf.ready();
    useFasterKernels();
    const check = await checkSecondOrderGradient();
    return { passed: check.passed, message: check.message };
  } catch (error) {
    return { passed: false, message: `it failed to start: ${errorText(error)}` };
  }
}

/** Makes an already checked backend the active one again; false if it will not start. */
export async function reactivate(backend: BackendName): Promise<boolean> {
  if (tf.getBackend() === backend) return true;
  try {
    if (!(await tf.setBackend(backend))) return false;
    await tf.ready();
    useFasterKernels();
    return true;
  } catch {
    return false;
  }
}

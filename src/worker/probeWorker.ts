/// <reference lib="webworker" />
/**
 * A throwaway worker that checks and times one backend on the experiment, reporting each stage as
 * it goes. A synchronous TensorFlow.js call cannot be interrupted, so the training worker that
 * started it simply terminates it at its cap; it never trains anything that is kept.
 */
import '@tensorflow/tfjs-backend-webgpu';
import { tf } from '../core/tfjs/tf';
import { createTrainer } from '../core/trainer/createTrainer';
import { checkSecondOrderGradient } from '../core/check/gradientCheck';
import { describeAdapter, unavailableReason } from './adapterInfo';
import { wantsAnotherIteration } from './measurementRules';
import type { BackendName, ProbeReport, ProbeRequest } from './protocol';
import { useBundledWasm } from './wasmAssets';
import { errorText } from './errorText';
import { useFasterKernels } from '../core/tfjs/fasterKernels';

const scope = self as unknown as DedicatedWorkerGlobalScope;

function report(message: ProbeReport): void {
  scope.postMessage(message);
}

async function reportAdapter(backend: BackendName): Promise<void> {
  const { text, software } = await describeAdapter(backend);
  report({ type: 'adapter', adapter: text, software });
}

async function probe({ backend, config, check }: ProbeRequest): Promise<void> {
  useBundledWasm();
  const missing = await unavailableReason(backend);
  if (missing) {
    report({ type: 'unavailable', reason: missing });
    return;
  }
  // WASM describes its build, which it knows once started; the others their device, at once.
  if (backend !== 'wasm') await reportAdapter(backend);
  if (!(await tf.setBackend(backend))) {
    report({ type: 'unavailable', reason: 'TensorFlow.js could not start it' });
    return;
  }
  await tf.ready();
  useFasterKernels();
  if (backend === 'wasm') await reportAdapter(backend);
  if (check) {
    const result = await checkSecondOrderGradient();
    report({ type: 'checked', passed: result.passed, message: result.message });
    if (!result.passed) return;
  }
  const trainer = createTrainer(config, null);
  const times: number[] = [];
  let firstEnded = 0;
  while (wantsAnotherIteration(backend, times, performance.now() - firstEnded)) {
    const started = performance.now();
    const result = await trainer.step();
    const ended = performance.now();
    // A diverged run stops stepping; what was timed so far stands.
    if (!result.ok) break;
    times.push(ended - started);
    if (times.length === 1) firstEnded = ended;
    report({ type: 'iteration', ms: ended - started });
  }
  report({ type: 'done' });
}

scope.onmessage = (message: MessageEvent<ProbeRequest>) => {
  probe(message.data).catch((error: unknown) => {
    report({ type: 'failed', message: errorText(error) });
  });
};

import { tf } from '../tfjs/tf';
import { interruptionPoint } from '../tfjs/interruption';
import { type ClassificationTensors, sliceTasks } from './classificationTensors';

/** A gradient of a mean over tasks, with any number of per-task vectors ([tasks] each). */
export interface PassResult {
  readonly grads: tf.Tensor[];
  readonly perTask: tf.Tensor1D[];
}

/**
 * Runs `run` on the meta-batch at most `perPass` tasks at a time and combines the passes: the
 * objective is a mean over tasks, so its gradient is the task-weighted sum of the passes'
 * gradients, and the per-task vectors are joined in task order. Tasks are independent (batch
 * statistics are per task), so the result is the one pass over all tasks would give; only the
 * memory held at once changes. Every pass is freed before the next starts, and the host may
 * interrupt the work between passes (interruption.ts).
 */
export function inPasses(
  tensors: ClassificationTensors,
  perPass: number,
  run: (part: ClassificationTensors) => PassResult,
): PassResult {
  const size = Math.max(1, Math.floor(perPass));
  if (size >= tensors.tasks) return run(tensors);
  const passes: PassResult[] = [];
  try {
    for (let start = 0; start < tensors.tasks; start += size) {
      // A pass is a fraction of a second; a whole meta-batch can be many seconds.
      interruptionPoint();
      const count = Math.min(size, tensors.tasks - start);
      passes.push(
        tf.tidy(() => {
          const part = run(sliceTasks(tensors, start, count));
          return { ...part, grads: part.grads.map((g) => tf.mul(g, count / tensors.tasks)) };
        }),
      );
    }
    const first = passes[0]!;
    return {
      grads: first.grads.map((_, i) => tf.addN(passes.map((p) => p.grads[i]!))),
      perTask: first.perTask.map((_, i) => tf.concat(passes.map((p) => p.perTask[i]!))),
    };
  } finally {
    for (const p of passes) tf.dispose([...p.grads, ...p.perTask]);
  }
}

/**
 * Tasks per pass for the active backend. WASM and CPU: one. Measured on WASM, 32 tasks, 64
 * filters, second order: one pass of all 32 took 13 s and a 2.2 GB heap, passes of 8 took 5.5 s
 * and 0.5 GB, passes of 1 took 3.5 s and 0.1 GB (products run one task at a time there anyway,
 * so bigger passes only add memory traffic). GPU backends: 8, to share each kernel launch among
 * several tasks while bounding memory (WebGL in software, 8 tasks, 16 filters: 3.2 s per
 * meta-iteration in one pass, 4.3 s task by task).
 */
export function defaultTasksPerPass(): number {
  const backend = tf.getBackend();
  return backend === 'wasm' || backend === 'cpu' ? 1 : 8;
}

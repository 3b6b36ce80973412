/**
 * An independent float64 implementation of the multi-task objective (multitask/objective.ts), in
 * plain TypeScript with no tfjs, built on the float64 MLP of float64Mlp.ts. The tests differentiate
 * it by central finite differences and compare with the engine's float32 gradient.
 *
 *   J = sum_m w_m L_m + [uncertainty] sum_m s_m / 2 + [soft] lambda sum_m ||theta_m - theta_bar||^2
 *   w_m = 1/2 (equal) or exp(-s_m) / 2 (uncertainty); L_m = task m's mean squared error.
 *
 * Parameters are one flat Float64Array in the engine's layout (multitask/layout.ts), read here
 * directly: hard sharing [trunk (W1, b1, ...), heads' weights (task-major, [H] each), heads' biases,
 * s]; soft sharing [each network array stacked task-major, s].
 */
import { layout, mseLoss, type Activation64 } from './float64Mlp';
import type { TaskPoints } from '../learners/multitask/trainingTasks';

export interface MultiTaskProblem64 {
  /** The full network of one task: [inputs, hidden..., outputs]. */
  readonly sizes: readonly number[];
  readonly tasks: number;
  readonly sharing: 'hard' | 'soft';
  readonly weighting: 'equal' | 'uncertainty';
  readonly softPenalty: number;
  readonly activation: Activation64;
  /** x[m] and y[m]: task m's rows. */
  readonly x: readonly number[][][];
  readonly y: readonly number[][][];
}

/** Task m's own network as a flat vector in float64Mlp.ts's layout [W1, b1, ..., W_out, b_out]. */
export function taskNetwork(
  flat: Float64Array,
  problem: MultiTaskProblem64,
  m: number,
): Float64Array {
  const { sizes, tasks } = problem;
  const full = layout(sizes);
  const network = new Float64Array(full.count);
  if (problem.sharing === 'soft') {
    // Array by array: task m's slice of each stacked block.
    let read = 0;
    let write = 0;
    for (const layer of full.layers) {
      for (const n of [layer.inputs * layer.outputs, layer.outputs]) {
        network.set(flat.subarray(read + m * n, read + (m + 1) * n), write);
        read += tasks * n;
        write += n;
      }
    }
    return network;
  }
  const trunk = layout(sizes.slice(0, -1)).count;
  const head = full.layers[full.layers.length - 1]!;
  const headWeights = head.inputs * head.outputs;
  network.set(flat.subarray(0, trunk), 0);
  const weightsAt = trunk;
  const biasesAt = weightsAt + tasks * headWeights;
  network.set(flat.subarray(weightsAt + m * headWeights, weightsAt + (m + 1) * headWeights), trunk);
  network.set(
    flat.subarray(biasesAt + m * head.outputs, biasesAt + (m + 1) * head.outputs),
    trunk + headWeights,
  );
  return network;
}

/** Number of values in the flat layout. */
export function multiTaskCount64(problem: MultiTaskProblem64): number {
  const { sizes, tasks } = problem;
  const full = layout(sizes);
  if (problem.sharing === 'soft') return tasks * full.count + tasks;
  const head = full.layers[full.layers.length - 1]!;
  return (
    layout(sizes.slice(0, -1)).count + tasks * (head.inputs * head.outputs + head.outputs) + tasks
  );
}

/** Each task's mean squared error on its rows. */
export function taskLosses64(flat: Float64Array, problem: MultiTaskProblem64): number[] {
  return Array.from({ length: problem.tasks }, (_, m) =>
    mseLoss(
      taskNetwork(flat, problem, m),
      problem.sizes,
      problem.x[m]!,
      problem.y[m]!,
      problem.activation,
    ),
  );
}

/** The full multi-task objective J. */
export function multiTaskObjective64(flat: Float64Array, problem: MultiTaskProblem64): number {
  const { tasks } = problem;
  const s = flat.subarray(flat.length - tasks);
  const losses = taskLosses64(flat, problem);
  let total = 0;
  losses.forEach((loss, m) => {
    total += problem.weighting === 'uncertainty' ? (Math.exp(-s[m]!) * loss + s[m]!) / 2 : loss / 2;
  });
  if (problem.sharing === 'soft') {
    const networks = Array.from({ length: tasks }, (_, m) => taskNetwork(flat, problem, m));
    const centre = networks[0]!.map((_, i) => networks.reduce((sum, n) => sum + n[i]!, 0) / tasks);
    let spread = 0;
    for (const network of networks) {
      network.forEach((v, i) => {
        spread += (v - centre[i]!) ** 2;
      });
    }
    total += problem.softPenalty * spread;
  }
  return total;
}

/** Task-major points as this reference's rows, one per point. */
export function rowsOfPoints(points: TaskPoints): { x: number[][][]; y: number[][][] } {
  const perTask = points.shots + points.query;
  const rows = (values: Float32Array): number[][][] =>
    Array.from({ length: points.tasks }, (_, m) =>
      Array.from(values.subarray(m * perTask, (m + 1) * perTask), (v) => [v]),
    );
  return { x: rows(points.x), y: rows(points.y) };
}

/**
 * Where the multi-task model keeps its numbers: one list of Float32Arrays (what Adam updates and a
 * snapshot stores), each with the tensor shape the engine gives it. With M tasks, hidden layers
 * h_1..h_L and H = h_L (or 1 with no hidden layer):
 *
 * - hard sharing: [W_1, b_1, ..., W_L, b_L] the shared trunk (shapes as in model/mlp.ts), then
 *   headW [M, H, 1] and headB [M, 1, 1] (task m's linear output layer is row m), then s [M];
 * - soft sharing: every parameter of the full network stacked over the tasks, W_l [M, in, out] and
 *   b_l [M, 1, out] (task m's network is slice m), then s [M].
 *
 * s_m = log sigma_m^2 is task m's learned log-variance for uncertainty weighting. It is kept, at
 * 0, with equal weighting too, where the objective does not depend on it (its gradient is exactly 0
 * and Adam leaves it there), so both weightings share one layout.
 */
import { tf } from '../../tfjs/tf';
import { paramShapes, type MlpSpec } from '../../model/mlp';

export type Sharing = 'hard' | 'soft';

export interface MultiTaskSpec {
  /** The network every task sees: a trunk and its head (hard) or its own copy (soft). */
  readonly net: MlpSpec;
  readonly tasks: number;
  readonly sharing: Sharing;
}

/** Number of trunk arrays (hard sharing): every layer but the output layer, two arrays each. */
export function trunkLength(spec: MultiTaskSpec): number {
  return 2 * spec.net.hidden.length;
}

/** Units feeding the output layer. */
function featureSize(spec: MultiTaskSpec): number {
  const { hidden, inputSize } = spec.net;
  return hidden.length > 0 ? hidden[hidden.length - 1]! : inputSize;
}

/** The shape of each array of the values list, in order. */
export function multiTaskShapes(spec: MultiTaskSpec): number[][] {
  const m = spec.tasks;
  const shapes = paramShapes(spec.net);
  const outputs = spec.net.outputSize;
  if (spec.sharing === 'soft') {
    const stacked = shapes.map((s) => (s.length === 2 ? [m, ...s] : [m, 1, s[0]!]));
    return [...stacked, [m]];
  }
  return [
    ...shapes.slice(0, trunkLength(spec)),
    [m, featureSize(spec), outputs],
    [m, 1, outputs],
    [m],
  ];
}

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * The starting values from a single network's initialisation: the trunk as drawn and every head a
 * copy of its output layer (hard), or every task's network a copy of it (soft); s = 0 (sigma = 1).
 * So at iteration 0 every task predicts what that single network predicts.
 */
export function initialMultiTaskValues(
  spec: MultiTaskSpec,
  single: readonly Float32Array[],
): Float32Array[] {
  const m = spec.tasks;
  const repeat = (v: Float32Array): Float32Array => {
    const out = new Float32Array(m * v.length);
    for (let t = 0; t < m; t++) out.set(v, t * v.length);
    return out;
  };
  const s = new Float32Array(m);
  if (spec.sharing === 'soft') return [...single.map(repeat), s];
  const trunk = trunkLength(spec);
  return [
    ...single.slice(0, trunk).map((v) => v.slice()),
    repeat(single[trunk]!),
    repeat(single[trunk + 1]!),
    s,
  ];
}

/** Mean over the leading (task) axis of an array of `tasks` equal slices. */
function taskMean(values: Float32Array, tasks: number): Float32Array {
  const slice = values.length / tasks;
  const sums = new Float64Array(slice);
  for (let t = 0; t < tasks; t++) {
    for (let i = 0; i < slice; i++) sums[i]! += values[t * slice + i]!;
  }
  return Float32Array.from(sums, (v) => v / tasks);
}

/**
 * The shared weights a new task starts from, as a single network in model/mlp.ts's layout: the
 * trunk with the mean of the heads (hard), or the mean of the task networks (soft).
 */
export function sharedValues(spec: MultiTaskSpec, values: readonly Float32Array[]): Float32Array[] {
  const networkArrays = values.slice(0, values.length - 1);
  if (spec.sharing === 'soft') return networkArrays.map((v) => taskMean(v, spec.tasks));
  const trunk = trunkLength(spec);
  return [
    ...networkArrays.slice(0, trunk).map((v) => v.slice()),
    taskMean(networkArrays[trunk]!, spec.tasks),
    taskMean(networkArrays[trunk + 1]!, spec.tasks),
  ];
}

/** The learned log-variances s_m. */
export function logVariances(values: readonly Float32Array[]): Float32Array {
  return values[values.length - 1]!;
}

/** Tensors of the values list, shaped for the engine. The caller owns (or tidies) them. */
export function toMultiTaskTensors(
  spec: MultiTaskSpec,
  values: readonly Float32Array[],
): tf.Tensor[] {
  const shapes = multiTaskShapes(spec);
  if (values.length !== shapes.length) {
    throw new Error(`A multi-task model has ${shapes.length} arrays; got ${values.length}.`);
  }
  return values.map((v, i) => {
    const shape = shapes[i]!;
    if (v.length !== size(shape)) {
      throw new Error(`Multi-task array ${i} should hold ${size(shape)} numbers; got ${v.length}.`);
    }
    return tf.tensor(v, shape);
  });
}

/** Views of one flat array laid out like the values list, from `offset`, one per array. */
export function splitFlat(spec: MultiTaskSpec, flat: Float32Array, offset = 0): Float32Array[] {
  let at = offset;
  return multiTaskShapes(spec).map((shape) => {
    const part = flat.subarray(at, at + size(shape));
    at += size(shape);
    return part;
  });
}

/** Total number of values in the layout. */
export function multiTaskCount(spec: MultiTaskSpec): number {
  return multiTaskShapes(spec).reduce((total, shape) => total + size(shape), 0);
}

import { tf } from '../tfjs/tf';
import type { Rng } from '../random/rng';

export type Activation = 'relu' | 'tanh';

/** A fully connected network: input -> hidden... -> output, `activation` after each hidden layer. */
export interface MlpSpec {
  readonly inputSize: number;
  readonly hidden: readonly number[];
  readonly outputSize: number;
  readonly activation: Activation;
}

/**
 * Parameters are a flat list [W1, b1, W2, b2, ...] with W_l of shape [in, out] and b_l of shape
 * [out]. The network is a pure function of this list, so adapted parameters are just new tensors.
 */
export type MlpParams = tf.Tensor[];

export function layerSizes(spec: MlpSpec): number[] {
  return [spec.inputSize, ...spec.hidden, spec.outputSize];
}

export function paramShapes(spec: MlpSpec): number[][] {
  const sizes = layerSizes(spec);
  const shapes: number[][] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    shapes.push([sizes[l]!, sizes[l + 1]!], [sizes[l + 1]!]);
  }
  return shapes;
}

export function parameterCount(spec: MlpSpec): number {
  return paramShapes(spec).reduce((total, shape) => total + shape.reduce((a, b) => a * b, 1), 0);
}

/**
 * Initial values drawn from the project's own seeded generator, uniform in +-1/sqrt(fan_in) for
 * weights and biases alike (the usual default for fully connected layers).
 */
export function initialValues(spec: MlpSpec, rng: Rng): Float32Array[] {
  const sizes = layerSizes(spec);
  const uniform = (count: number, bound: number): Float32Array => {
    const values = new Float32Array(count);
    for (let i = 0; i < count; i++) values[i] = rng.uniform(-bound, bound);
    return values;
  };
  const values: Float32Array[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const fanIn = sizes[l]!;
    const fanOut = sizes[l + 1]!;
    const bound = 1 / Math.sqrt(fanIn);
    values.push(uniform(fanIn * fanOut, bound), uniform(fanOut, bound));
  }
  return values;
}

export function toTensors(spec: MlpSpec, values: readonly Float32Array[]): MlpParams {
  const shapes = paramShapes(spec);
  return values.map((v, i) => tf.tensor(v, shapes[i]));
}

export function applyActivation(z: tf.Tensor, activation: Activation): tf.Tensor {
  return activation === 'relu' ? tf.relu(z) : tf.tanh(z);
}

/**
 * The activation's derivative written in terms of its output a = act(z): relu' = step(a),
 * tanh' = 1 - a^2. Built from ops whose own gradients are exact, so an outer gradient can pass
 * through an inner backward pass that uses it.
 */
export function activationSlope(a: tf.Tensor, activation: Activation): tf.Tensor {
  return activation === 'relu' ? tf.step(a) : tf.sub(1, tf.square(a));
}

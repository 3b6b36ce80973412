/**
 * The parameters of a classification network (ClassifierSpec) as a flat list of tensors, in a
 * fixed order, so a network is a pure function of the list and adapted parameters are new tensors.
 *
 * "conv", per block: filter [3, 3, in, filters], then scale [filters] and offset [filters] when
 * norm = 'batch', or bias [filters] when norm = 'none' (batch normalisation subtracts the mean, so
 * a bias before it would do nothing). Then the head: weights [featureSize, outputs] and bias
 * [outputs], left out when outputs = 0 (an encoder).
 * "mlp": weights [in, out] and bias [out] per layer, hidden layers then the head (none if outputs = 0).
 */
import { tf } from '../tfjs/tf';
import { stride2Size } from '../tfjs/stride2Conv';
import type { Rng } from '../random/rng';
import type { ClassifierSpec } from './classifierSpec';

/** The spatial size after the conv blocks: each halves it, rounding up. */
export function finalImageSize(spec: ClassifierSpec & { kind: 'conv' }): number {
  let size = spec.imageSize;
  for (let b = 0; b < spec.blocks; b++) size = stride2Size(size);
  return size;
}

/** Length of the vector the head reads (or the embedding, when there is no head). */
export function featureSize(spec: ClassifierSpec): number {
  if (spec.kind === 'conv') return finalImageSize(spec) ** 2 * spec.filters;
  return spec.hidden.length > 0 ? spec.hidden[spec.hidden.length - 1]! : spec.imageSize ** 2;
}

/** Width of the network's output: the head's outputs, or the feature size for an encoder. */
export function outputSize(spec: ClassifierSpec): number {
  return spec.outputs > 0 ? spec.outputs : featureSize(spec);
}

function headShapes(spec: ClassifierSpec): number[][] {
  return spec.outputs > 0 ? [[featureSize(spec), spec.outputs], [spec.outputs]] : [];
}

export function classifierShapes(spec: ClassifierSpec): number[][] {
  const shapes: number[][] = [];
  if (spec.kind === 'conv') {
    let channels = 1;
    for (let b = 0; b < spec.blocks; b++) {
      shapes.push([3, 3, channels, spec.filters]);
      if (spec.norm === 'batch') shapes.push([spec.filters], [spec.filters]);
      else shapes.push([spec.filters]);
      channels = spec.filters;
    }
  } else {
    let inputs = spec.imageSize ** 2;
    for (const width of spec.hidden) {
      shapes.push([inputs, width], [width]);
      inputs = width;
    }
  }
  return [...shapes, ...headShapes(spec)];
}

/**
 * A readable name for each parameter tensor, in order: 'conv 1 filters', 'bn 1 scale',
 * 'bn 1 offset' (or 'conv 1 bias' without normalisation), 'layer 1 weights', 'layer 1 bias',
 * 'head weights', 'head bias'.
 */
export function classifierParameterNames(spec: ClassifierSpec): string[] {
  const names: string[] = [];
  if (spec.kind === 'conv') {
    for (let b = 1; b <= spec.blocks; b++) {
      names.push(`conv ${b} filters`);
      if (spec.norm === 'batch') names.push(`bn ${b} scale`, `bn ${b} offset`);
      else names.push(`conv ${b} bias`);
    }
  } else {
    spec.hidden.forEach((_, l) => names.push(`layer ${l + 1} weights`, `layer ${l + 1} bias`));
  }
  if (spec.outputs > 0) names.push('head weights', 'head bias');
  return names;
}

/**
 * The network without its linear head: the feature extractor ("body") whose outputs the head
 * reads. Its parameters are the first classifierShapes(spec).length - 2 of the full list.
 */
export function bodySpec(spec: ClassifierSpec): ClassifierSpec {
  if (spec.outputs === 0) throw new Error('an encoder has no head to take off');
  return { ...spec, outputs: 0 };
}

/** How many parameter tensors the head has (weights and bias), last in the list. */
export const HEAD_PARAMETERS = 2;

export function classifierParameterCount(spec: ClassifierSpec): number {
  return classifierShapes(spec).reduce((sum, shape) => sum + shape.reduce((a, b) => a * b, 1), 0);
}

/** What each parameter tensor is, in order: decides its initial values. */
type Role = 'reluWeights' | 'headWeights' | 'zeros' | 'ones';

function roles(spec: ClassifierSpec): Role[] {
  const list: Role[] = [];
  if (spec.kind === 'conv') {
    for (let b = 0; b < spec.blocks; b++) {
      if (spec.norm === 'batch') list.push('reluWeights', 'ones', 'zeros');
      else list.push('reluWeights', 'zeros');
    }
  } else {
    for (let l = 0; l < spec.hidden.length; l++) list.push('reluWeights', 'zeros');
  }
  if (spec.outputs > 0) list.push('headWeights', 'zeros');
  return list;
}

/**
 * Seeded initial values. Weights feeding a ReLU: He uniform, +-sqrt(6 / fanIn), which keeps the
 * activations' scale from layer to layer; the linear head: Glorot uniform,
 * +-sqrt(6 / (fanIn + fanOut)). Biases and offsets 0, batch-normalisation scales 1. A
 * convolution's fan-in is 9 x its input channels.
 */
export function initialClassifierValues(spec: ClassifierSpec, rng: Rng): Float32Array[] {
  const shapes = classifierShapes(spec);
  return roles(spec).map((role, i) => {
    const shape = shapes[i]!;
    const size = shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(size);
    if (role === 'ones') values.fill(1);
    if (role === 'reluWeights' || role === 'headWeights') {
      const fanOut = shape[shape.length - 1]!;
      const fanIn = size / fanOut;
      const bound = role === 'reluWeights' ? Math.sqrt(6 / fanIn) : Math.sqrt(6 / (fanIn + fanOut));
      for (let k = 0; k < size; k++) values[k] = rng.uniform(-bound, bound);
    }
    return values;
  });
}

export function toClassifierTensors(
  spec: ClassifierSpec,
  values: readonly Float32Array[],
): tf.Tensor[] {
  const shapes = classifierShapes(spec);
  if (values.length !== shapes.length) {
    throw new Error(`Expected ${shapes.length} parameter arrays, got ${values.length}.`);
  }
  return values.map((v, i) => tf.tensor(v, shapes[i]));
}

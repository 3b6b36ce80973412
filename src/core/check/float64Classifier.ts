/**
 * An independent float64 implementation of the classification networks (ClassifierSpec): forward
 * pass and its backward pass written out by hand, in plain TypeScript with no tfjs. The tests and
 * the backend self-check differentiate objectives built on it (float64ClassifierObjectives.ts) by
 * central finite differences and compare with the tfjs engines' float32 gradients.
 *
 * It follows the same conventions as model/classifier.ts, restated here rather than imported:
 * parameters are one flat Float64Array holding, in order, conv blocks (filter [3, 3, in, out]
 * row-major, then batch-norm scale and offset, or a bias), hidden dense layers (weights [in, out],
 * bias) and the head (weights [features, outputs], bias; none when outputs = 0). Images are
 * [n, size, size, 1] row-major; feature maps are [n, rows, columns, channels].
 * Convolutions: 3x3, stride 2, TensorFlow's 'same' padding; batch normalisation over all
 * positions of the n images of one call, biased variance, epsilon BATCH_NORM_EPSILON_64.
 */
import type { ClassifierSpec } from '../classification/types';

/** Must equal the tfjs network's epsilon (the tests check this). */
export const BATCH_NORM_EPSILON_64 = 1e-3;

interface ConvLayer {
  readonly kind: 'conv';
  readonly size: number;
  readonly inChannels: number;
  readonly outChannels: number;
  readonly filterAt: number;
  /** Batch norm scale and offset, or -1 when the block has a bias instead. */
  readonly scaleAt: number;
  readonly offsetAt: number;
  readonly biasAt: number;
}

interface DenseLayer {
  readonly kind: 'dense';
  readonly inputs: number;
  readonly outputs: number;
  readonly weightsAt: number;
  readonly biasAt: number;
  readonly relu: boolean;
}

type Layer = ConvLayer | DenseLayer;

const half = (size: number): number => Math.ceil(size / 2);

/** The layers of a spec and where their parameters sit in the flat vector. */
export function layers64(spec: ClassifierSpec): { layers: Layer[]; count: number } {
  const layers: Layer[] = [];
  let at = 0;
  let features: number;
  if (spec.kind === 'conv') {
    let size = spec.imageSize;
    let channels = 1;
    for (let b = 0; b < spec.blocks; b++) {
      const filterAt = at;
      at += 9 * channels * spec.filters;
      const batch = spec.norm === 'batch';
      const scaleAt = batch ? at : -1;
      const offsetAt = batch ? at + spec.filters : -1;
      const biasAt = batch ? -1 : at;
      at += (batch ? 2 : 1) * spec.filters;
      layers.push({
        kind: 'conv',
        size,
        inChannels: channels,
        outChannels: spec.filters,
        filterAt,
        scaleAt,
        offsetAt,
        biasAt,
      });
      size = half(size);
      channels = spec.filters;
    }
    features = size * size * channels;
  } else {
    features = spec.imageSize ** 2;
    for (const width of spec.hidden) {
      layers.push(denseAt(at, features, width, true));
      at += features * width + width;
      features = width;
    }
  }
  if (spec.outputs > 0) {
    layers.push(denseAt(at, features, spec.outputs, false));
    at += features * spec.outputs + spec.outputs;
  }
  return { layers, count: at };
}

function denseAt(at: number, inputs: number, outputs: number, relu: boolean): DenseLayer {
  return { kind: 'dense', inputs, outputs, weightsAt: at, biasAt: at + inputs * outputs, relu };
}

/** Zeros before the image along one axis for 'same' padding, stride 2, window 3. */
const padBefore = (size: number): number =>
  Math.floor(Math.max(0, 2 * (half(size) - 1) + 3 - size) / 2);

/** Calls visit(outIndex, inIndex, filterIndex) for every product in the convolution. */
function forEachProduct(
  layer: ConvLayer,
  n: number,
  visit: (out: number, input: number, filter: number) => void,
): void {
  const { size, inChannels: c, outChannels: f } = layer;
  const out = half(size);
  const before = padBefore(size);
  for (let m = 0; m < n; m++) {
    for (let i = 0; i < out; i++) {
      for (let j = 0; j < out; j++) {
        for (let kh = 0; kh < 3; kh++) {
          const row = 2 * i + kh - before;
          if (row < 0 || row >= size) continue;
          for (let kw = 0; kw < 3; kw++) {
            const col = 2 * j + kw - before;
            if (col < 0 || col >= size) continue;
            for (let ch = 0; ch < c; ch++) {
              const input = ((m * size + row) * size + col) * c + ch;
              for (let k = 0; k < f; k++) {
                visit(((m * out + i) * out + j) * f + k, input, ((kh * 3 + kw) * c + ch) * f + k);
              }
            }
          }
        }
      }
    }
  }
}

/** What a layer's backward pass needs from its forward pass. */
interface Cache {
  readonly input: Float64Array;
  /** Pre-activation before normalisation (conv) or the dense output. */
  readonly z: Float64Array;
  /** Normalised z, and per-channel sqrt(variance + eps), for batch-normalised blocks. */
  readonly normalised: Float64Array | null;
  readonly sigma: Float64Array | null;
  /** Value after scale/offset or bias, before ReLU. */
  readonly preRelu: Float64Array;
}

function forwardLayer(layer: Layer, p: Float64Array, input: Float64Array, n: number): Cache {
  if (layer.kind === 'dense') {
    const { inputs, outputs, weightsAt, biasAt } = layer;
    const z = new Float64Array(n * outputs);
    for (let m = 0; m < n; m++) {
      for (let o = 0; o < outputs; o++) {
        let sum = p[biasAt + o]!;
        for (let d = 0; d < inputs; d++) {
          sum += input[m * inputs + d]! * p[weightsAt + d * outputs + o]!;
        }
        z[m * outputs + o] = sum;
      }
    }
    return { input, z, normalised: null, sigma: null, preRelu: z };
  }
  const f = layer.outChannels;
  const positions = n * half(layer.size) ** 2;
  const z = new Float64Array(positions * f);
  forEachProduct(layer, n, (o, i, w) => (z[o]! += input[i]! * p[layer.filterAt + w]!));
  if (layer.biasAt >= 0) {
    const preRelu = z.map((v, o) => v + p[layer.biasAt + (o % f)]!);
    return { input, z, normalised: null, sigma: null, preRelu };
  }
  const mean = new Float64Array(f);
  const variance = new Float64Array(f);
  z.forEach((v, o) => (mean[o % f]! += v / positions));
  z.forEach((v, o) => (variance[o % f]! += (v - mean[o % f]!) ** 2 / positions));
  const sigma = variance.map((v) => Math.sqrt(v + BATCH_NORM_EPSILON_64));
  const normalised = z.map((v, o) => (v - mean[o % f]!) / sigma[o % f]!);
  const preRelu = normalised.map(
    (v, o) => v * p[layer.scaleAt + (o % f)]! + p[layer.offsetAt + (o % f)]!,
  );
  return { input, z, normalised, sigma, preRelu };
}

const hasRelu = (layer: Layer): boolean => layer.kind === 'conv' || layer.relu;

/** The network's outputs for n images with every layer's cache: [n, outputs] row-major. */
function forwardAll(
  spec: ClassifierSpec,
  p: Float64Array,
  images: Float64Array,
  n: number,
): { out: Float64Array; caches: Cache[]; layers: Layer[] } {
  const { layers } = layers64(spec);
  const caches: Cache[] = [];
  let x = images;
  for (const layer of layers) {
    const cache = forwardLayer(layer, p, x, n);
    caches.push(cache);
    x = hasRelu(layer) ? cache.preRelu.map((v) => Math.max(v, 0)) : cache.preRelu;
  }
  return { out: x, caches, layers };
}

/** Logits (or embeddings, when spec.outputs = 0) of n images: [n, width] row-major. */
export function classifierOutputs64(
  spec: ClassifierSpec,
  p: Float64Array,
  images: Float64Array,
  n: number,
): Float64Array {
  return forwardAll(spec, p, images, n).out;
}

/** Gradient of a scalar with respect to the parameters, given its gradient dOut to the outputs. */
export function classifierBackward64(
  spec: ClassifierSpec,
  p: Float64Array,
  images: Float64Array,
  n: number,
  dOut: Float64Array,
): Float64Array {
  const { caches, layers } = forwardAll(spec, p, images, n);
  const grad = new Float64Array(p.length);
  let delta = dOut;
  for (let l = layers.length - 1; l >= 0; l--) {
    const layer = layers[l]!;
    const cache = caches[l]!;
    // Through ReLU: its slope is 1 where the input was positive (0 at 0, like tfjs's step).
    const dPre = hasRelu(layer) ? delta.map((d, k) => (cache.preRelu[k]! > 0 ? d : 0)) : delta;
    delta = backwardLayer(layer, p, cache, n, dPre, grad);
  }
  return grad;
}

/** Accumulates the layer's parameter gradients into grad; returns the input gradient. */
function backwardLayer(
  layer: Layer,
  p: Float64Array,
  cache: Cache,
  n: number,
  dPre: Float64Array,
  grad: Float64Array,
): Float64Array {
  const dInput = new Float64Array(cache.input.length);
  if (layer.kind === 'dense') {
    const { inputs, outputs, weightsAt, biasAt } = layer;
    for (let m = 0; m < n; m++) {
      for (let o = 0; o < outputs; o++) {
        const d = dPre[m * outputs + o]!;
        grad[biasAt + o]! += d;
        for (let i = 0; i < inputs; i++) {
          grad[weightsAt + i * outputs + o]! += cache.input[m * inputs + i]! * d;
          dInput[m * inputs + i]! += p[weightsAt + i * outputs + o]! * d;
        }
      }
    }
    return dInput;
  }
  const f = layer.outChannels;
  let dz = dPre;
  if (layer.biasAt >= 0) {
    dPre.forEach((d, o) => (grad[layer.biasAt + (o % f)]! += d));
  } else {
    // Batch norm: with x^ = (z - mean) / sigma over M positions and g = dL/dx^,
    // dL/dz = (g - mean(g) - x^ mean(g x^)) / sigma.
    const normalised = cache.normalised!;
    const sigma = cache.sigma!;
    const positions = dPre.length / f;
    const g = dPre.map((d, o) => d * p[layer.scaleAt + (o % f)]!);
    const meanG = new Float64Array(f);
    const meanGX = new Float64Array(f);
    dPre.forEach((d, o) => {
      grad[layer.scaleAt + (o % f)]! += d * normalised[o]!;
      grad[layer.offsetAt + (o % f)]! += d;
      meanG[o % f]! += g[o]! / positions;
      meanGX[o % f]! += (g[o]! * normalised[o]!) / positions;
    });
    dz = g.map((v, o) => (v - meanG[o % f]! - normalised[o]! * meanGX[o % f]!) / sigma[o % f]!);
  }
  forEachProduct(layer, n, (o, i, w) => {
    grad[layer.filterAt + w]! += cache.input[i]! * dz[o]!;
    dInput[i]! += p[layer.filterAt + w]! * dz[o]!;
  });
  return dInput;
}

/**
 * The sizes of a run's network that its cost follows: activations per input, multiply-adds per
 * input, layers and parameters. Derived from the settings alone, for the cost model.
 */
import type { ExperimentConfig } from '../config';
import { isClassification, regressionFamily } from '../families/registry';
import { CONV_BLOCKS } from '../trainer/classification/specs';

export interface NetworkSize {
  /** Numbers one input makes on its way through: the input, every layer's output, and patches. */
  readonly units: number;
  /** Multiply-adds of one forward pass of one input. */
  readonly multiplyAdds: number;
  /** Layers (or conv blocks), each a few kernels per pass whatever its size. */
  readonly layers: number;
  readonly parameters: number;
  /** Widths from input to output, for a dense network (the regression evaluation's chunks). */
  readonly widths: readonly number[] | null;
}

function dense(widths: readonly number[]): NetworkSize {
  let multiplyAdds = 0;
  let parameters = 0;
  for (let layer = 1; layer < widths.length; layer++) {
    multiplyAdds += widths[layer - 1]! * widths[layer]!;
    parameters += (widths[layer - 1]! + 1) * widths[layer]!;
  }
  const units = widths.reduce((sum, width) => sum + width, 0);
  return { units, multiplyAdds, layers: widths.length - 1, parameters, widths };
}

/**
 * The MAML paper's conv net: 3x3 stride-2 convolutions run as im2col patches (nine values per
 * input channel and output position) and a product, each block halving the image (rounding up),
 * then a linear head on the last block's features.
 */
function conv(config: ExperimentConfig): NetworkSize {
  let size = config.imageSize;
  let channels = 1;
  let units = size * size;
  let multiplyAdds = 0;
  let parameters = 0;
  for (let block = 0; block < CONV_BLOCKS; block++) {
    size = Math.ceil(size / 2);
    const patch = 9 * channels;
    units += size * size * (config.filters + patch);
    multiplyAdds += size * size * patch * config.filters;
    // Weights, bias, and batch norm's scale and shift.
    parameters += (patch + 3) * config.filters;
    channels = config.filters;
  }
  const features = size * size * channels;
  return {
    units: units + config.ways,
    multiplyAdds: multiplyAdds + features * config.ways,
    layers: CONV_BLOCKS + 1,
    parameters: parameters + (features + 1) * config.ways,
    widths: null,
  };
}

export function networkSize(config: ExperimentConfig): NetworkSize {
  if (!isClassification(config)) {
    return dense([regressionFamily(config).inputs, ...config.hidden, 1]);
  }
  if (config.network === 'conv') return conv(config);
  return { ...dense([config.imageSize ** 2, ...config.hidden, config.ways]), widths: null };
}

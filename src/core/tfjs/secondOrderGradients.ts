/**
 * Gradients that let tfjs differentiate a backward pass (MAML's second-order term) through the
 * classification networks.
 *
 * Why each is here:
 * - Exp: tfjs's own gradient multiplies by the op's saved output, and tfjs saves outputs off the
 *   tape, so a second derivative through it silently misses a term. Saving the input and
 *   recomputing exp(x) keeps every term on the tape.
 * - Conv2DBackpropFilter: tfjs registers no gradient for it, so differentiating a convolution's
 *   backward pass throws. Both of its inputs enter linearly: the filter gradient of a convolution
 *   of x with output gradient dy.
 * - Conv2DBackpropInput: tfjs's own gradient is already this; it is registered here beside its
 *   partner so the pair is complete, visible and tested together.
 *
 * For the linear maps of a convolution with filter W (conv(x, W) and its adjoints):
 *   <G, filterGrad(x, dy)> = <conv(x, G), dy> = <x, inputGrad(dy, G)>,
 * so d/dx <G, filterGrad(x, dy)> = inputGrad(dy, G) and d/ddy = conv(x, G); and
 *   <g, inputGrad(dy, W)> = <conv(g, W), dy>,
 * so d/ddy <g, inputGrad(dy, W)> = conv(g, W) and d/dW = filterGrad(g, dy).
 */
import * as tfjs from '@tensorflow/tfjs';

type ConvAttrs = {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
};

/** The filter gradient of a convolution (tfjs exports no op for this kernel). */
function filterGradient(
  x: tfjs.Tensor4D,
  dy: tfjs.Tensor4D,
  filterShape: readonly number[],
  attrs: ConvAttrs,
): tfjs.Tensor4D {
  return tfjs.engine().runKernel<tfjs.Tensor4D>(tfjs.Conv2DBackpropFilter, { x, dy }, {
    strides: attrs.strides,
    pad: attrs.pad,
    dataFormat: attrs.dataFormat,
    dimRoundingMode: attrs.dimRoundingMode,
    filterShape: [...filterShape],
  } as unknown as tfjs.NamedAttrMap);
}

function inputGradient(
  inputShape: readonly number[],
  dy: tfjs.Tensor4D,
  filter: tfjs.Tensor4D,
  attrs: ConvAttrs,
): tfjs.Tensor4D {
  return tfjs.engine().runKernel<tfjs.Tensor4D>(tfjs.Conv2DBackpropInput, { dy, filter }, {
    strides: attrs.strides,
    pad: attrs.pad,
    dataFormat: attrs.dataFormat,
    dimRoundingMode: attrs.dimRoundingMode,
    inputShape: [...inputShape],
  } as unknown as tfjs.NamedAttrMap);
}

function convolve(x: tfjs.Tensor4D, filter: tfjs.Tensor4D, attrs: ConvAttrs): tfjs.Tensor4D {
  return tfjs.conv2d(
    x,
    filter,
    attrs.strides,
    attrs.pad,
    attrs.dataFormat,
    1,
    attrs.dimRoundingMode,
  );
}

export function registerSecondOrderGradients(): void {
  tfjs.registerGradient({
    kernelName: tfjs.Exp,
    inputsToSave: ['x'],
    gradFunc: (dy, saved) => {
      const [x] = saved as [tfjs.Tensor];
      return { x: () => tfjs.mul(dy as tfjs.Tensor, tfjs.exp(x)) };
    },
  });

  tfjs.registerGradient({
    kernelName: tfjs.Conv2DBackpropFilter,
    inputsToSave: ['x', 'dy'],
    gradFunc: (ddw, saved, attrs) => {
      const [x, dy] = saved as [tfjs.Tensor4D, tfjs.Tensor4D];
      const conv = attrs as unknown as ConvAttrs;
      const g = ddw as tfjs.Tensor4D;
      return {
        x: () => inputGradient(x.shape, dy, g, conv),
        dy: () => convolve(x, g, conv),
      };
    },
  });

  tfjs.registerGradient({
    kernelName: tfjs.Conv2DBackpropInput,
    inputsToSave: ['dy', 'filter'],
    gradFunc: (ddx, saved, attrs) => {
      const [dy, filter] = saved as [tfjs.Tensor4D, tfjs.Tensor4D];
      const conv = attrs as unknown as ConvAttrs;
      const g = ddx as tfjs.Tensor4D;
      return {
        dy: () => convolve(g, filter, conv),
        filter: () => filterGradient(g, dy, filter.shape, conv),
      };
    },
  });
}

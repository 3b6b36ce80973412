import * as tfjs from '@tensorflow/tfjs';

/**
 * f(x) as a constant: its value flows forward, no gradient flows back to x, at any order. tfjs has
 * no stop-gradient op; a custom gradient of zeros is one (the ops inside f run off the tape, and
 * zeros differentiate to zeros, so the usual custom-gradient caveat about second derivatives does
 * not apply). Used for shifts that cancel mathematically, like the max in a log-sum-exp, whose own
 * gradients (Max: Equal masks) tfjs cannot differentiate again.
 */
export function heldConstant<T extends tfjs.Tensor>(x: tfjs.Tensor, f: (x: tfjs.Tensor) => T): T {
  const { shape, dtype } = x;
  const constant = tfjs.customGrad((...inputs) => ({
    value: f(inputs[0] as tfjs.Tensor),
    // From the shape alone: x itself may be freed by the time the gradient runs.
    gradFunc: () => tfjs.zeros(shape, dtype),
  }));
  return constant(x);
}

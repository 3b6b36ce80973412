/**
 * The one place the core imports TensorFlow.js from. The @tensorflow/tfjs bundle registers every
 * op's gradient (tfjs-core alone does not) and the CPU and WebGL backends, in Node and in browsers.
 * Importing it also registers, once, the gradients MAML needs beyond tfjs's own: matrix products
 * that stay fast on WASM, and gradients that are right to second order (secondOrderGradients.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { registerFastMatMulGradient } from './matMul';
import { registerSecondOrderGradients } from './secondOrderGradients';

registerFastMatMulGradient();
registerSecondOrderGradients();

export { tf };

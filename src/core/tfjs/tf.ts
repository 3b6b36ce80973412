/**
 * The one place the core imports TensorFlow.js from. The @tensorflow/tfjs bundle registers every
 * op's gradient (tfjs-core alone does not) and the CPU and WebGL backends, in Node and in browsers.
 */
import * as tf from '@tensorflow/tfjs';
import { registerFastMatMulGradient } from './matMul';

registerFastMatMulGradient();

export { tf };

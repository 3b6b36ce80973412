/**
 * Batch normalisation per task and channel as one kernel on the CPU and WASM backends, with a
 * backward pass that is itself one differentiable kernel, so second-order MAML stays exact.
 *
 * Written out of tfjs ops, batch norm and its gradient take about a dozen kernels over tensors of
 * the activations' size (and tfjs reduces over a middle axis by transposing first); here each pass
 * is one loop (batchNormMath.ts). The ops, their gradients and what differentiates what:
 *
 *   TaskBatchNorm(z, scale, offset) -> y
 *     d/dz = TaskBatchNormGrad(dy, z, scale), d/dscale = TaskBatchNormScaleGrad(dy, z),
 *     d/doffset = sum of dy over the rows
 *   TaskBatchNormGrad(a, z, scale) -> dz
 *     d/da = TaskBatchNormGrad(u, z, scale); d/dz, d/dscale = TaskBatchNormGradGrad(u, a, z, scale)
 *   TaskBatchNormScaleGrad(a, z) -> [tasks, channels]
 *     d/da = TaskBatchNorm(z, w, 0); d/dz = TaskBatchNormGrad(a, z, w)
 *   TaskBatchNormGradGrad: no gradient (a third derivative; tfjs says so if one is asked for).
 *
 * z is [tasks, rows, channels]; scale and offset [tasks, channels]. WebGL and WebGPU keep the
 * composition of tfjs ops (classifier.ts): a kernel for them would be a shader of its own.
 */
import * as tfjs from '@tensorflow/tfjs';
import {
  type Groups,
  type Moments,
  moments,
  batchNormForward,
  batchNormGradient,
  batchNormGradientGradient,
  batchNormScaleGradient,
} from './batchNormMath';

const FORWARD = 'TaskBatchNorm';
const GRADIENT = 'TaskBatchNormGrad';
const SCALE_GRADIENT = 'TaskBatchNormScaleGrad';
const GRADIENT_GRADIENT = 'TaskBatchNormGradGrad';

/** The backends whose tensors live in JavaScript-visible memory, where these loops run. */
const BACKENDS = ['cpu', 'wasm'] as const;

interface Attrs {
  readonly epsilon: number;
}

/** Reading inputs and making outputs, the two ways the CPU and WASM backends keep data. */
interface Memory {
  output(shape: number[]): tfjs.TensorInfo;
  values(info: tfjs.TensorInfo): Float32Array;
}

function memoryOf(backendName: string, backend: unknown): Memory {
  if (backendName === 'wasm') {
    const wasm = backend as {
      makeOutput(shape: number[], dtype: tfjs.DataType): tfjs.TensorInfo;
      typedArrayFromHeap(info: tfjs.TensorInfo): Float32Array;
    };
    return {
      output: (shape) => wasm.makeOutput(shape, 'float32'),
      values: (info) => wasm.typedArrayFromHeap(info),
    };
  }
  const cpu = backend as {
    data: { get(dataId: tfjs.DataId): { values: Float32Array } };
    makeTensorInfo(shape: number[], dtype: tfjs.DataType, values: Float32Array): tfjs.TensorInfo;
  };
  return {
    output: (shape) =>
      cpu.makeTensorInfo(shape, 'float32', new Float32Array(shape.reduce((a, b) => a * b, 1))),
    values: (info) => cpu.data.get(info.dataId).values,
  };
}

function groupsOf(z: tfjs.TensorInfo): Groups {
  const [tasks, rows, channels] = z.shape as [number, number, number];
  return { tasks, rows, channels };
}

type Compute = (
  inputs: Float32Array[],
  outputs: Float32Array[],
  groups: Groups,
  zMoments: Moments,
) => void;

/**
 * Each kernel needs the per-group statistics of its z, and MAML calls four kernels on the same z
 * (forward, gradient, scale gradient, second order): they are computed once per z's data, shape
 * and epsilon. Tensors are immutable, so the data behind a dataId never changes (a reshape shares
 * it under another shape, hence the shape in the key); entries go with the data.
 */
const momentsCache = new WeakMap<object, { key: string; moments: Moments }>();

function momentsOf(z: tfjs.TensorInfo, values: Float32Array, epsilon: number): Moments {
  const key = `${z.shape.join(',')}/${epsilon}`;
  const cached = momentsCache.get(z.dataId);
  if (cached?.key === key) return cached.moments;
  const computed = moments(values, groupsOf(z), epsilon);
  momentsCache.set(z.dataId, { key, moments: computed });
  return computed;
}

/**
 * A kernel that reads the named inputs (one of them z) and fills outputs of the given shapes.
 * Outputs are made before any input is read: making one can grow the WASM heap, which detaches
 * earlier views.
 */
function kernel(
  kernelName: string,
  inputNames: readonly string[],
  outputShapes: (z: tfjs.TensorInfo) => number[][],
  compute: Compute,
): void {
  for (const backendName of BACKENDS) {
    // Typed as always found, but undefined when not registered.
    if (tfjs.getKernel(kernelName, backendName) as tfjs.KernelConfig | undefined) continue;
    tfjs.registerKernel({
      kernelName,
      backendName,
      kernelFunc: ({ inputs, backend, attrs }) => {
        const memory = memoryOf(backendName, backend);
        const z = inputs.z!;
        const outputs = outputShapes(z).map((shape) => memory.output(shape));
        const values = inputNames.map((name) => memory.values(inputs[name]!));
        const zValues = values[inputNames.indexOf('z')]!;
        compute(
          values,
          outputs.map((info) => memory.values(info)),
          groupsOf(z),
          momentsOf(z, zValues, (attrs as unknown as Attrs).epsilon),
        );
        return outputs.length === 1 ? outputs[0]! : outputs;
      },
    });
  }
}

const full = (z: tfjs.TensorInfo) => [...z.shape];
const perGroup = (z: tfjs.TensorInfo) => [z.shape[0]!, z.shape[2]!];

function run(
  kernelName: string,
  inputs: Record<string, tfjs.Tensor>,
  epsilon: number,
): tfjs.Tensor | tfjs.Tensor[] {
  return tfjs.engine().runKernel(kernelName, inputs, { epsilon });
}

function registerKernels(): void {
  kernel(
    FORWARD,
    ['z', 'scale', 'offset'],
    (z) => [full(z)],
    ([z, scale, offset], [y], g, m) => {
      batchNormForward(z!, m, scale!, offset!, g, y!);
    },
  );
  kernel(
    GRADIENT,
    ['a', 'z', 'scale'],
    (z) => [full(z)],
    ([a, z, scale], [dz], g, m) => {
      batchNormGradient(a!, z!, m, scale!, g, dz!);
    },
  );
  kernel(
    SCALE_GRADIENT,
    ['a', 'z'],
    (z) => [perGroup(z)],
    ([a, z], [out], g, m) => {
      batchNormScaleGradient(a!, z!, m, g, out!);
    },
  );
  kernel(
    GRADIENT_GRADIENT,
    ['u', 'a', 'z', 'scale'],
    (z) => [full(z), perGroup(z)],
    ([u, a, z, scale], [vz, vScale], g, m) => {
      batchNormGradientGradient(u!, a!, z!, m, scale!, g, vz!, vScale!);
    },
  );
}

function registerGradients(): void {
  // Another copy of this module (a second bundle, a test runner's) may have registered them.
  if (tfjs.getGradient(FORWARD) as tfjs.GradConfig | undefined) return;
  tfjs.registerGradient({
    kernelName: FORWARD,
    inputsToSave: ['z', 'scale'],
    gradFunc: (dy, saved, attrs) => {
      const [z, scale] = saved as [tfjs.Tensor3D, tfjs.Tensor2D];
      const a = dy as tfjs.Tensor3D;
      const { epsilon } = attrs as unknown as Attrs;
      return {
        z: () => run(GRADIENT, { a, z, scale }, epsilon) as tfjs.Tensor3D,
        scale: () => run(SCALE_GRADIENT, { a, z }, epsilon) as tfjs.Tensor2D,
        offset: () => tfjs.sum(a, 1),
      };
    },
  });
  tfjs.registerGradient({
    kernelName: GRADIENT,
    inputsToSave: ['a', 'z', 'scale'],
    gradFunc: (du, saved, attrs) => {
      const [a, z, scale] = saved as [tfjs.Tensor3D, tfjs.Tensor3D, tfjs.Tensor2D];
      const u = du as tfjs.Tensor3D;
      const { epsilon } = attrs as unknown as Attrs;
      // z and scale share one kernel, run here: tfjs runs each input's closure in a tidy of its
      // own, which would dispose a second output made in the first closure. Both are always used.
      const [vz, vScale] = run(GRADIENT_GRADIENT, { u, a, z, scale }, epsilon) as [
        tfjs.Tensor3D,
        tfjs.Tensor2D,
      ];
      return {
        a: () => run(GRADIENT, { a: u, z, scale }, epsilon) as tfjs.Tensor3D,
        z: () => vz,
        scale: () => vScale,
      };
    },
  });
  tfjs.registerGradient({
    kernelName: SCALE_GRADIENT,
    inputsToSave: ['a', 'z'],
    gradFunc: (dw, saved, attrs) => {
      const [a, z] = saved as [tfjs.Tensor3D, tfjs.Tensor3D];
      const w = dw as tfjs.Tensor2D;
      const { epsilon } = attrs as unknown as Attrs;
      return {
        a: () => run(FORWARD, { z, scale: w, offset: tfjs.zerosLike(w) }, epsilon) as tfjs.Tensor3D,
        z: () => run(GRADIENT, { a, z, scale: w }, epsilon) as tfjs.Tensor3D,
      };
    },
  });
}

/** 'fused': these kernels where the backend has them; 'ops': tfjs ops everywhere. */
export type BatchNormMethod = 'fused' | 'ops';

let chosen: BatchNormMethod = 'fused';
let registered = false;

/** Forces a method for every later call. For benchmarks and tests that compare the two. */
export function setBatchNormMethod(method: BatchNormMethod): void {
  chosen = method;
}

/** Whether batch norm on the active backend runs the fused kernels (registered on first use). */
export function fusedBatchNormActive(): boolean {
  if (chosen === 'ops' || !(BACKENDS as readonly string[]).includes(tfjs.getBackend())) {
    return false;
  }
  if (!registered) {
    registerKernels();
    registerGradients();
    registered = true;
  }
  return true;
}

/**
 * (z - mean) / sqrt(variance + epsilon) * scale + offset per task and channel, the statistics
 * taken over z's rows: z [tasks, rows, channels], scale and offset [tasks, channels]. Only where
 * fusedBatchNormActive() says so.
 */
export function fusedBatchNorm(
  z: tfjs.Tensor3D,
  scale: tfjs.Tensor2D,
  offset: tfjs.Tensor2D,
  epsilon: number,
): tfjs.Tensor3D {
  return run(FORWARD, { z, scale, offset }, epsilon) as tfjs.Tensor3D;
}

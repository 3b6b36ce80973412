/**
 * Faster Slice and PadV2 for tfjs's CPU backend. Both copy a rectangular block between two
 * row-major arrays; tfjs's CPU kernels do it one element at a time through index arrays (a
 * strided slice of image patches took 3 of the 6.6 s of a 64-filter MAML task, measured), where
 * copying whole runs of the innermost axes does the same in a few milliseconds. Results are
 * identical; any case not handled here (strings, contiguous slices, non-zero pad values) goes to
 * tfjs's own kernel.
 */
import * as tfjs from '@tensorflow/tfjs';

type Values = Float32Array | Int32Array | Uint8Array;

interface CpuBackend {
  data: { get(dataId: tfjs.DataId): { values: Values } };
  makeTensorInfo(shape: number[], dtype: tfjs.DataType, values: Values): tfjs.TensorInfo;
}

function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) strides[i] = strides[i + 1]! * shape[i + 1]!;
  return strides;
}

/**
 * Copies the block of shape `block` starting at `from` in src (shape srcShape) to `to` in dst
 * (shape dstShape). Trailing axes the block covers whole in both arrays merge into one run.
 */
export function copyBlock(
  src: Values,
  srcShape: readonly number[],
  from: readonly number[],
  dst: Values,
  dstShape: readonly number[],
  to: readonly number[],
  block: readonly number[],
): void {
  if (block.some((size) => size === 0)) return;
  let rank = block.length;
  while (
    rank > 1 &&
    block[rank - 1] === srcShape[rank - 1] &&
    block[rank - 1] === dstShape[rank - 1]
  ) {
    rank--;
  }
  const srcStrides = stridesOf(srcShape);
  const dstStrides = stridesOf(dstShape);
  const run = block[rank - 1]! * srcStrides[rank - 1]!;
  const outer = block.slice(0, rank - 1);
  const count = outer.reduce((a, b) => a * b, 1);
  const index = new Array<number>(rank - 1).fill(0);
  for (let k = 0; k < count; k++) {
    let s = from[rank - 1]! * srcStrides[rank - 1]!;
    let d = to[rank - 1]! * dstStrides[rank - 1]!;
    for (let a = 0; a < rank - 1; a++) {
      s += (index[a]! + from[a]!) * srcStrides[a]!;
      d += (index[a]! + to[a]!) * dstStrides[a]!;
    }
    if (run < 16) for (let r = 0; r < run; r++) dst[d + r] = src[s + r]!;
    else dst.set(src.subarray(s, s + run), d);
    for (let a = rank - 2; a >= 0; a--) {
      if (++index[a]! < outer[a]!) break;
      index[a] = 0;
    }
  }
}

function newValues(dtype: tfjs.DataType, size: number): Values {
  if (dtype === 'int32') return new Int32Array(size);
  if (dtype === 'bool') return new Uint8Array(size);
  return new Float32Array(size);
}

function slice(original: tfjs.KernelFunc): tfjs.KernelFunc {
  return (args) => {
    const x = args.inputs.x!;
    const backend = args.backend as unknown as CpuBackend;
    const attrs = args.attrs as unknown as { begin: number | number[]; size: number | number[] };
    const [begin, size] = tfjs.slice_util.parseSliceParams(x, attrs.begin, attrs.size) as [
      number[],
      number[],
    ];
    if (x.dtype === 'string' || tfjs.slice_util.isSliceContinous(x.shape, begin, size)) {
      return original(args);
    }
    const out = newValues(
      x.dtype,
      size.reduce((a, b) => a * b, 1),
    );
    const zeros = size.map(() => 0);
    copyBlock(backend.data.get(x.dataId).values, x.shape, begin, out, size, zeros, size);
    return backend.makeTensorInfo(size, x.dtype, out);
  };
}

function pad(original: tfjs.KernelFunc): tfjs.KernelFunc {
  return (args) => {
    const x = args.inputs.x!;
    const backend = args.backend as unknown as CpuBackend;
    const { paddings, constantValue } = args.attrs as unknown as {
      paddings: [number, number][];
      constantValue: number;
    };
    if (x.dtype === 'string' || x.shape.length === 0 || constantValue !== 0) {
      return original(args);
    }
    const shape = x.shape.map((size, i) => paddings[i]![0] + size + paddings[i]![1]);
    const out = newValues(
      x.dtype,
      shape.reduce((a, b) => a * b, 1),
    );
    const zeros = x.shape.map(() => 0);
    const before = paddings.map((p) => p[0]);
    copyBlock(backend.data.get(x.dataId).values, x.shape, zeros, out, shape, before, x.shape);
    return backend.makeTensorInfo(shape, x.dtype, out);
  };
}

/** Marks the kernels installed here, so installing twice is a no-op. */
type Marked = tfjs.KernelFunc & { copiesBlocks?: true };

function replace(kernelName: string, make: (original: tfjs.KernelFunc) => tfjs.KernelFunc): void {
  const current = tfjs.getKernel(kernelName, 'cpu') as tfjs.KernelConfig | undefined;
  if (!current || (current.kernelFunc as Marked).copiesBlocks) return;
  const kernelFunc: Marked = make(current.kernelFunc);
  kernelFunc.copiesBlocks = true;
  tfjs.unregisterKernel(kernelName, 'cpu');
  tfjs.registerKernel({ ...current, kernelFunc });
}

/**
 * Installs the faster kernels for the CPU backend if they are not already in place. Called where
 * CPU work starts rather than at import, so that it holds whatever order packages load in.
 */
export function useFastCpuBlockKernels(): void {
  replace(tfjs.Slice, slice);
  replace(tfjs.PadV2, pad);
}

import * as tfjs from '@tensorflow/tfjs';
import { BATCH_MAT_MUL_SHARED, BATCH_MAT_MUL_UNSHARED } from './simdBinaries';

/**
 * The WASM backend's BatchMatMul, with batched products run by our SIMD kernel (batchMatMul.wat)
 * on tfjs's own heap. tfjs-backend-wasm hands a product to XNNPACK only when each operand is one
 * matrix; with several (the sinusoid engines' per-task products) it runs a scalar loop at about
 * 1 GFLOP/s, half of a sinusoid MAML step here. Same arithmetic in the same order over the inner
 * dimension, so values agree with tfjs's kernel to rounding, and the gradient, which is built from
 * matMul ops, is untouched (second order stays exact). The kernel reads transposed operands in
 * place, so on WASM a batched product with a transpose flag needs no explicit transpose
 * (matMul.ts). Everything else (non-float32 data, general broadcasting, single matrices) goes to
 * tfjs's own kernel.
 */

/** A WebAssembly.Memory; the core compiles without DOM or Node types, hence these few names. */
interface WasmMemory {
  readonly buffer: ArrayBufferLike;
}

interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (
    module: object,
    imports: object,
  ) => { readonly exports: Record<string, unknown> };
}

/** The engine's own globals, in browsers, workers and Node alike. */
const engine = globalThis as unknown as { WebAssembly?: WasmApi; atob(base64: string): string };

interface WasmBackend {
  readonly wasm: {
    readonly wasmMemory?: WasmMemory;
    readonly asm?: { readonly memory?: WasmMemory };
  };
  readonly dataIdMap: { get(dataId: tfjs.DataId): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: tfjs.DataType): tfjs.TensorInfo;
}

/** How one product maps onto the kernel: C_t = A_t B_t, t < batch. */
export interface ProductPlan {
  readonly outShape: number[];
  readonly batch: number;
  readonly m: number;
  readonly k: number;
  readonly n: number;
  /** Bytes from one A (or B) matrix to the next; 0 repeats a single matrix for every t. */
  readonly aStride: number;
  readonly bStride: number;
  /** Bytes from A[i, p] to A[i + 1, p] and to A[i, p + 1]: A may be stored transposed. */
  readonly aRowStep: number;
  readonly aColStep: number;
  /** B stored [n x k] (a transpose flag): the kernel's other entry point. */
  readonly transposedB: boolean;
}

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * The plan for a product the kernel runs, or null where tfjs's kernel should: single matrices
 * (XNNPACK's case) and batch dimensions that neither match nor are a single matrix.
 */
export function planProduct(
  aShape: readonly number[],
  bShape: readonly number[],
  transposeA: boolean,
  transposeB: boolean,
): ProductPlan | null {
  if (aShape.length < 2 || bShape.length < 2) return null;
  const [aRows, aCols] = aShape.slice(-2) as [number, number];
  const [bRows, bCols] = bShape.slice(-2) as [number, number];
  const [m, k] = transposeA ? [aCols, aRows] : [aRows, aCols];
  const [kB, n] = transposeB ? [bCols, bRows] : [bRows, bCols];
  if (k !== kB) return null;
  const aOuter = aShape.slice(0, -2);
  const bOuter = bShape.slice(0, -2);
  const [batchA, batchB] = [size(aOuter), size(bOuter)];
  const batch = Math.max(batchA, batchB);
  if (batch < 2) return null;
  let outer: readonly number[];
  if (batchA === 1) outer = bOuter;
  else if (batchB === 1) outer = aOuter;
  else if (aOuter.length === bOuter.length && aOuter.every((d, i) => d === bOuter[i])) {
    outer = aOuter;
  } else return null;
  return {
    outShape: [...outer, m, n],
    batch,
    m,
    k,
    n,
    aStride: batchA === 1 ? 0 : 4 * m * k,
    bStride: batchB === 1 ? 0 : 4 * k * n,
    aRowStep: transposeA ? 4 : 4 * k,
    aColStep: transposeA ? 4 * m : 4,
    transposedB: transposeB,
  };
}

interface Kernels {
  /** (a, b, c, batch, m, k, n, aStride, bStride, aRowStep, aColStep); pointers in bytes. */
  readonly plain: (...args: number[]) => void;
  readonly transposedB: (...args: number[]) => void;
}

/** The kernel's module instantiated on `memory`, or null where this engine has no WASM SIMD. */
export function instantiateBatchMatMul(memory: WasmMemory): Kernels | null {
  const wasm = engine.WebAssembly;
  if (!wasm) return null;
  const shared =
    typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  const base64 = shared ? BATCH_MAT_MUL_SHARED : BATCH_MAT_MUL_UNSHARED;
  const bytes = Uint8Array.from(engine.atob(base64), (c) => c.charCodeAt(0));
  if (!wasm.validate(bytes)) return null;
  const instance = new wasm.Instance(new wasm.Module(bytes), { env: { memory } });
  const exports = instance.exports as Record<string, Kernels['plain']>;
  return { plain: exports.batchMatMul!, transposedB: exports.batchMatMulTransposedB! };
}

interface Installed {
  readonly kernelFunc: tfjs.KernelFunc;
  readonly original: tfjs.KernelConfig;
  readonly memory: WasmMemory;
}

let installed: Installed | null = null;

/** 'tfjs' sends every product to tfjs's own kernel: for benchmarks that time the two. */
export type BatchMatMulMethod = 'simd' | 'tfjs';
let method: BatchMatMulMethod = 'simd';

export function setBatchMatMulMethod(next: BatchMatMulMethod): void {
  method = next;
}

/** Whether the SIMD kernel will run this product on the active backend. */
export function simdRunsProduct(
  aShape: readonly number[],
  bShape: readonly number[],
  transposeA: boolean,
  transposeB: boolean,
): boolean {
  return (
    installed !== null &&
    method === 'simd' &&
    tfjs.getBackend() === 'wasm' &&
    tfjs.getKernel(tfjs.BatchMatMul, 'wasm').kernelFunc === installed.kernelFunc &&
    planProduct(aShape, bShape, transposeA, transposeB) !== null
  );
}

/**
 * Installs the SIMD BatchMatMul for the active WASM backend, once per backend instance (a new
 * backend has a new heap). Returns whether it is in place; false where WASM SIMD is missing or
 * tfjs's heap cannot be found, leaving tfjs's kernel.
 */
export function useSimdBatchMatMulOnWasm(): boolean {
  const backend = tfjs.findBackend('wasm') as unknown as WasmBackend | null;
  const current = tfjs.getKernel(tfjs.BatchMatMul, 'wasm') as tfjs.KernelConfig | undefined;
  const memory = backend?.wasm.wasmMemory ?? backend?.wasm.asm?.memory;
  if (!backend || !current || !memory) return false;
  if (installed && current.kernelFunc === installed.kernelFunc && installed.memory === memory) {
    return true;
  }
  const original =
    installed && current.kernelFunc === installed.kernelFunc ? installed.original : current;
  let kernels: Kernels | null;
  try {
    kernels = instantiateBatchMatMul(memory);
  } catch {
    // A heap this build cannot import: tfjs's kernel computes the same products, only slower.
    return false;
  }
  if (!kernels) return false;
  const kernelFunc: tfjs.KernelFunc = (args) => {
    const { a, b } = args.inputs as { a: tfjs.TensorInfo; b: tfjs.TensorInfo };
    const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
    const plan =
      method === 'simd' && a.dtype === 'float32' && b.dtype === 'float32'
        ? planProduct(a.shape, b.shape, transposeA, transposeB)
        : null;
    if (!plan) return original.kernelFunc(args);
    const wasm = args.backend as WasmBackend;
    const out = wasm.makeOutput(plan.outShape, 'float32');
    if (size(plan.outShape) === 0) return out;
    const offset = (info: tfjs.TensorInfo) => wasm.dataIdMap.get(info.dataId)!.memoryOffset;
    const { batch, m, k, n, aStride, bStride, aRowStep, aColStep } = plan;
    const kernel = plan.transposedB ? kernels.transposedB : kernels.plain;
    kernel(offset(a), offset(b), offset(out), batch, m, k, n, aStride, bStride, aRowStep, aColStep);
    return out;
  };
  tfjs.unregisterKernel(tfjs.BatchMatMul, 'wasm');
  tfjs.registerKernel({ ...original, kernelFunc });
  installed = { kernelFunc, original, memory };
  return true;
}

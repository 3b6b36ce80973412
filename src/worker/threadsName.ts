/**
 * The word in a training worker's name that lets its WASM backend use several threads: the page
 * puts it there when its link says `threads=1`, and the worker reads it before its backends start.
 */
export const WASM_THREADS_NAME = 'wasm-threads';

/** This worker's name ('' outside a named worker, e.g. in Node's tests). */
export function workerName(): string {
  const scope = globalThis as { name?: unknown };
  return typeof scope.name === 'string' ? scope.name : '';
}

export function threadsAskedOf(name: string): boolean {
  return name.includes(WASM_THREADS_NAME);
}

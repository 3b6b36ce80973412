/**
 * The word in a training worker's name that lets its WASM backend use several threads: the page
 * puts it there when its link says `threads=1`, and the worker reads it before its backends start.
 */
export const WASM_THREADS_NAME = 'wasm-threads';

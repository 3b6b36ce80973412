/**
 * Compiles the hand-written SIMD kernels (src/core/tfjs/simd/*.wat) into the module binaries the
 * app loads, written as base64 into src/core/tfjs/simd/simdBinaries.ts. Two builds of each: one
 * that imports an ordinary memory (tfjs's single-threaded WASM heap) and one that imports a shared
 * memory (the threaded build's heap, a SharedArrayBuffer). A unit test compiles the sources again
 * and checks the file matches, so the binaries cannot drift from their source.
 *
 *   npm run build:simd
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileSimdSources } from './compileSimd';

const folder = fileURLToPath(new URL('../../core/tfjs/simd/', import.meta.url));
const source = readFileSync(`${folder}batchMatMul.wat`, 'utf8');
writeFileSync(`${folder}simdBinaries.ts`, await compileSimdSources(source));
console.log(`wrote ${folder}simdBinaries.ts`);

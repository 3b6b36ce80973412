/**
 * Lets the threaded SIMD build of TensorFlow.js's WASM backend start its helper threads in a
 * bundled app.
 *
 * tfjs-backend-wasm 4.22 starts each helper thread from a Blob made of
 * `wasmFactoryThreadedSimd.toString()`: the source text of the bundled Emscripten factory. Once a
 * minifier has renamed what that function refers to, every helper dies with "e is not defined"
 * and the backend never starts. This plugin replaces that Blob with the URL of the package's own
 * `tfjs-backend-wasm-threaded-simd.js`, imported with `?url` so Vite emits it untouched as an
 * asset (a classic script that defines `WasmBackendModuleThreadedSimd`, exactly what a helper
 * thread loads with `importScripts`).
 *
 * It fails the build when it finds the backend but not the code it rewrites, so a tfjs upgrade
 * cannot silently take the threads away: check the new version's `backend_wasm.js` and update
 * `THREADED_BLOB` below.
 */
import type { Plugin } from 'vite';

/** tfjs-backend-wasm's ES module that creates the Blob (dist/backend_wasm.js). */
const BACKEND_MODULE = /[\\/]@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/;

/**
 * `new Blob([`var WasmBackendModuleThreadedSimd = ` + wasmFactoryThreadedSimd.toString()],
 * { type: 'text/javascript' })`, whitespace and quotes as they may come.
 */
const THREADED_BLOB =
  /new\s+Blob\(\s*\[\s*[`'"]var WasmBackendModuleThreadedSimd = [`'"]\s*\+\s*wasmFactoryThreadedSimd\.toString\(\)\s*\]\s*,\s*\{\s*type:\s*[`'"]text\/javascript[`'"]\s*\}\s*\)/g;

/** The classic script the helper threads load, emitted by Vite as an asset. */
const SCRIPT_IMPORT =
  '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js?url';
const SCRIPT_URL = '__tfjsThreadedSimdScriptUrl';

/**
 * The rewrite itself, exported for its test: `code` with the Blob replaced by an absolute URL (a
 * helper thread starts from a blob: URL, against which a path would not resolve).
 */
export function rewriteThreadedBlob(code: string, id: string): string {
  const matches = code.match(THREADED_BLOB)?.length ?? 0;
  if (matches !== 1) {
    throw new Error(
      `threaded WASM: expected the Blob of wasmFactoryThreadedSimd.toString() once in ${id}, ` +
        `found it ${matches} times. tfjs-backend-wasm changed how it starts its threads: ` +
        'update src/cli/build/threadedWasm.ts, or the built app would lose its WASM threads.',
    );
  }
  return (
    `import ${SCRIPT_URL} from '${SCRIPT_IMPORT}';\n` +
    code.replace(THREADED_BLOB, `new URL(${SCRIPT_URL}, globalThis.location.href).href`)
  );
}

/**
 * The plugin; vite.config.ts puts it in `worker.plugins` (the worker bundles of `vite build`,
 * where the backend lives) and in `plugins` (the page's bundle, should it ever hold the backend).
 * `npm run dev` needs no rewrite: there the backend comes pre-bundled by Vite's dependency
 * optimizer, unminified, and `toString()` still gives a working script (the browser test
 * tests/browser/wasmThreads.test.ts starts threads there too).
 */
export function threadedWasm(): Plugin {
  let rewritten = 0;
  return {
    name: 'playground:threaded-wasm',
    buildStart() {
      rewritten = 0;
    },
    transform(code, id) {
      if (!BACKEND_MODULE.test(id.split('?')[0] ?? id)) return null;
      try {
        const result = rewriteThreadedBlob(code, id);
        rewritten += 1;
        return { code: result, map: null };
      } catch (error) {
        this.error(error instanceof Error ? error.message : String(error));
      }
    },
    generateBundle(_options, bundle) {
      // The backend reached this bundle some other way (another entry file of the package, a
      // pre-bundled copy): the Blob would go out unrewritten.
      if (rewritten > 0) return;
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && chunk.code.includes('mainScriptUrlOrBlob')) {
          this.error(
            `threaded WASM: ${chunk.fileName} contains tfjs-backend-wasm, but its backend_wasm.js ` +
              'never passed through this plugin, so its helper threads would not start.',
          );
        }
      }
    },
  };
}

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { threadedWasm } from './src/cli/build/threadedWasm.js';

// SharedArrayBuffer, which the multi-threaded WASM backend of TensorFlow.js needs, only exists in
// cross-origin isolated pages. These two headers make the page isolated; the production host must
// send the same pair.
const crossOriginIsolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  // threadedWasm: WASM's helper threads start from a file, not from minified source text.
  plugins: [react(), threadedWasm()],
  // Same headers for `npm start` and `vite preview`, so a bug that only shows up when isolated
  // is never hidden during development.
  server: { headers: crossOriginIsolation },
  // The dev server pre-bundles what the page imports, found from its HTML entries; the training
  // worker's own dependencies (the WASM and WebGPU backends, the zip and PNG readers) would only
  // be found once the worker asks for them, and the re-bundling that follows reloads the page
  // (or, without hot reload, breaks the worker's imports). Naming the worker finds them at start.
  optimizeDeps: { entries: ['index.html', 'bench.html', 'src/worker/trainingWorker.ts'] },
  preview: { headers: crossOriginIsolation },
  // Every browser that can run the training worker already supports ES2022; no down-levelling.
  build: {
    target: 'es2022',
    // The playground, and a page that benchmarks the training worker on one backend.
    rollupOptions: { input: { main: 'index.html', bench: 'bench.html' } },
  },
  // Module workers can `import` the same core code as the page instead of a separate bundle shape.
  // The WASM backend lives in the workers, whose bundles take their own plugins.
  worker: { format: 'es', plugins: () => [threadedWasm()] },
});

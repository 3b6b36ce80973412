/**
 * Measurements kept in the browser: written and read back, and anything that cannot be trusted
 * (corrupt, another version, another browser, too old, a backend cut short) ignored on reading.
 */
import { describe, expect, it } from 'vitest';
import {
  CACHE_VERSION,
  MAX_AGE_MS,
  forgetMeasurements,
  isMeasurement,
  loadMeasurements,
  parseEntry,
  saveMeasurements,
  type KeyValueStore,
} from '../../src/ui/training/measurementCache';
import type { BackendMeasurement } from '../../src/worker/protocol';

const WASM: BackendMeasurement = {
  backend: 'wasm',
  outcome: 'measured',
  detail: 'second-order gradient check passed (relative error 2.9e-7)',
  checkPassed: true,
  adapter: 'WebAssembly, SIMD, 1 thread',
  software: false,
  firstIterationMs: 37,
  msPerIteration: 7.4,
  timedIterations: 20,
  capMs: 30_000,
  stoppedAt: 'done',
};
const WEBGPU: BackendMeasurement = {
  ...WASM,
  backend: 'webgpu',
  outcome: 'capped',
  adapter: 'google, swiftshader, fallback adapter',
  software: true,
  firstIterationMs: null,
  msPerIteration: null,
  timedIterations: 0,
  capMs: 2000,
  stoppedAt: 'first-iteration',
};

const CONTEXT = { userAgent: 'Chromium 156', now: 1_800_000_000_000 };

function memoryStore(): KeyValueStore & { readonly items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, value);
    },
    removeItem: (key) => {
      items.delete(key);
    },
  };
}

function entry(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    version: CACHE_VERSION,
    userAgent: CONTEXT.userAgent,
    savedAt: CONTEXT.now - 1000,
    results: [WASM, WEBGPU],
    ...overrides,
  });
}

describe('keeping measurements in the browser', () => {
  it('reads back what it saved, per key, and forgets on request', () => {
    const store = memoryStore();
    saveMeasurements(store, 'sine-mlp/12', [WASM, WEBGPU], CONTEXT);
    expect(loadMeasurements(store, 'sine-mlp/12', CONTEXT)).toEqual([WASM, WEBGPU]);
    expect(loadMeasurements(store, 'image-conv/14', CONTEXT)).toEqual([]);
    forgetMeasurements(store, 'sine-mlp/12');
    expect(loadMeasurements(store, 'sine-mlp/12', CONTEXT)).toEqual([]);
  });

  it('never keeps a backend that was cut short, and writes nothing if that is all there is', () => {
    const store = memoryStore();
    const cut: BackendMeasurement = { ...WEBGPU, outcome: 'cut' };
    saveMeasurements(store, 'k', [WASM, cut], CONTEXT);
    expect(loadMeasurements(store, 'k', CONTEXT)).toEqual([WASM]);
    saveMeasurements(store, 'other', [cut], CONTEXT);
    expect(store.items.has('playground.backendMeasurement.other')).toBe(false);
  });

  it('accepts a sound entry', () => {
    expect(parseEntry(entry(), CONTEXT)).toEqual([WASM, WEBGPU]);
  });

  it.each([
    ['text that is not JSON', '{"version":1,'],
    ['another version', entry({ version: CACHE_VERSION + 1 })],
    ['another browser', entry({ userAgent: 'Firefox 140' })],
    ['an entry too old', entry({ savedAt: CONTEXT.now - MAX_AGE_MS - 1 })],
    ['an entry from the future', entry({ savedAt: CONTEXT.now + 60_000 })],
    ['results that are not a list', entry({ results: { wasm: WASM } })],
    ['an unknown backend', entry({ results: [{ ...WASM, backend: 'webnn' }] })],
    ['a negative time', entry({ results: [{ ...WASM, msPerIteration: -1 }] })],
    ['a time that is not a number', entry({ results: [{ ...WASM, firstIterationMs: 'fast' }] })],
    ['a missing field', entry({ results: [{ ...WASM, detail: undefined }] })],
    ['the same backend twice', entry({ results: [WASM, WASM] })],
    ['a measurement cut short', entry({ results: [{ ...WASM, outcome: 'cut' }] })],
    ['null', 'null'],
  ])('ignores %s', (_, text) => {
    expect(parseEntry(text, CONTEXT)).toBeNull();
    const store = memoryStore();
    store.setItem('playground.backendMeasurement.k', text);
    expect(loadMeasurements(store, 'k', CONTEXT)).toEqual([]);
  });

  it('survives a storage that throws, as some private modes do', () => {
    const refusing: KeyValueStore = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(loadMeasurements(refusing, 'k', CONTEXT)).toEqual([]);
    expect(() => {
      saveMeasurements(refusing, 'k', [WASM], CONTEXT);
      forgetMeasurements(refusing, 'k');
    }).not.toThrow();
    expect(loadMeasurements(null, 'k', CONTEXT)).toEqual([]);
  });

  it('checks each field of a measurement', () => {
    expect(isMeasurement(WASM)).toBe(true);
    expect(isMeasurement({ ...WASM, timedIterations: 1.5 })).toBe(false);
    expect(isMeasurement({ ...WASM, stoppedAt: 'somewhere' })).toBe(false);
    expect(isMeasurement({ ...WASM, software: 'yes' })).toBe(false);
  });
});

/**
 * Choosing the backend from a measurement, and the words for why: pure rules, checked on made-up
 * measurements whose right answer can be worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import type { BackendMeasurement, BackendName } from '../../src/worker/protocol';
import {
  attemptsFrom,
  boundText,
  choiceReason,
  formatMs,
  projectedMsPerIteration,
  rankBackends,
  type RankingInput,
} from '../../src/worker/ranking';
import { isSoftwareRenderer, softwareRendererName } from '../../src/worker/softwareRenderer';
import {
  MAX_STEADY_ITERATIONS,
  MAX_TIMING_CAP_MS,
  MIN_TIMING_CAP_MS,
  STEADY_BUDGET_MS,
  summarizeTimes,
  timingCapMs,
  wantsAnotherIteration,
} from '../../src/worker/measurementRules';

const SWIFTSHADER_WEBGL =
  'WebGL2, ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';

function measured(
  backend: BackendName,
  msPerIteration: number,
  firstIterationMs: number,
  extra: Partial<BackendMeasurement> = {},
): BackendMeasurement {
  return {
    backend,
    outcome: 'measured',
    detail: 'second-order gradient check passed (relative error 1.0e-6)',
    checkPassed: true,
    adapter: null,
    software: false,
    firstIterationMs,
    msPerIteration,
    timedIterations: 10,
    capMs: 2000,
    stoppedAt: 'done',
    ...extra,
  };
}

function capped(backend: BackendName, extra: Partial<BackendMeasurement> = {}): BackendMeasurement {
  return {
    ...measured(backend, 0, 0),
    outcome: 'capped',
    firstIterationMs: null,
    msPerIteration: null,
    timedIterations: 0,
    stoppedAt: 'first-iteration',
    ...extra,
  };
}

function input(
  measurements: BackendMeasurement[],
  extra: Partial<RankingInput> = {},
): RankingInput {
  return { measurements, checkedHere: new Map(), exclude: [], iterations: 1000, ...extra };
}

/** What this machine measured, roughly: WASM fast, CPU slower, both GPUs software renderers. */
const TWO_CORES = [
  measured('wasm', 5.2, 40),
  measured('cpu', 60, 110),
  capped('webgl', {
    software: true,
    adapter: SWIFTSHADER_WEBGL,
    firstIterationMs: 1955,
    stoppedAt: 'steady',
  }),
  capped('webgpu', { software: true, adapter: 'google, swiftshader, fallback adapter' }),
];

describe('ranking the measured backends', () => {
  it('puts the fastest measured first, then the slower, then the capped by how far they got', () => {
    expect(rankBackends(input(TWO_CORES))).toEqual(['wasm', 'cpu', 'webgl', 'webgpu']);
  });

  it('spreads a first iteration over the run: a long compile loses a short run, wins a long one', () => {
    const gpu = measured('webgl', 2, 5000);
    const wasm = measured('wasm', 5, 5);
    // 2 + 4998/100 = 52 ms per iteration over 100 iterations; 2 + 4998/100000 over 100000.
    expect(projectedMsPerIteration(gpu, 100)).toBeCloseTo(51.98, 6);
    expect(rankBackends(input([gpu, wasm], { iterations: 100 }))[0]).toBe('wasm');
    expect(rankBackends(input([gpu, wasm], { iterations: 100_000 }))[0]).toBe('webgl');
  });

  it('leaves out what is missing, failed its check, or failed during this run', () => {
    const measurements = [
      measured('wasm', 5, 5),
      { ...capped('webgpu'), outcome: 'unavailable', checkPassed: false } as const,
      { ...capped('webgl'), outcome: 'failed', checkPassed: false } as const,
      measured('cpu', 50, 50),
    ];
    expect(rankBackends(input(measurements))).toEqual(['wasm', 'cpu']);
    expect(rankBackends(input(measurements, { exclude: ['wasm'] }))).toEqual(['cpu']);
  });

  it('uses a backend not yet timed only if it was checked, ahead of those stopped at the cap', () => {
    const measurements = [capped('webgpu', { software: true })];
    const checkedHere = new Map<BackendName, string>([['wasm', 'check passed']]);
    expect(rankBackends(input(measurements, { checkedHere }))).toEqual(['wasm', 'webgpu']);
    expect(rankBackends(input([], {}))).toEqual([]);
  });

  it('without any timing prefers a hardware GPU, then WASM, plain JavaScript, a software GPU', () => {
    const unknown = (backend: BackendName, software = false): BackendMeasurement => ({
      ...capped(backend, { software }),
      outcome: 'cut',
    });
    const checkedHere = new Map<BackendName, string>(
      (['webgpu', 'webgl', 'wasm', 'cpu'] as const).map((b) => [b, 'passed']),
    );
    const hardware = [unknown('webgpu'), unknown('webgl', true), unknown('wasm'), unknown('cpu')];
    expect(rankBackends(input(hardware, { checkedHere }))).toEqual([
      'webgpu',
      'wasm',
      'cpu',
      'webgl',
    ]);
  });
});

describe('the reason shown for the choice', () => {
  it('compares a CPU winner with the best GPU, naming a software renderer', () => {
    const measurements = [
      measured('wasm', 5.2, 40),
      measured('webgl', 57.2, 2000, { software: true, adapter: SWIFTSHADER_WEBGL }),
      measured('cpu', 11, 20),
    ];
    expect(choiceReason('wasm', input(measurements))).toBe(
      'wasm: 5.2 ms per iteration, 11x faster than webgl (SwiftShader, software)',
    );
  });

  it('gives the bound of a GPU stopped at its cap', () => {
    expect(choiceReason('wasm', input(TWO_CORES))).toBe(
      'wasm: 5.2 ms per iteration; webgl (SwiftShader, software): a first iteration of 2.0 s, ' +
        'then no more within the 2.0 s cap',
    );
  });

  it('compares a GPU winner with the runner-up, and says when nothing else was timed', () => {
    const measurements = [measured('webgpu', 1.5, 900), measured('wasm', 6, 30)];
    expect(choiceReason('webgpu', input(measurements))).toBe(
      'webgpu: 1.5 ms per iteration, 4.0x faster than wasm',
    );
    expect(choiceReason('wasm', input([measured('wasm', 6, 30)]))).toBe(
      'wasm: 6.0 ms per iteration, the only backend timed',
    );
  });

  it('says the choice is provisional while measuring', () => {
    expect(choiceReason('wasm', input([]), true)).toBe(
      'wasm: in use while the backends are measured',
    );
  });
});

describe('the bound a cap gives', () => {
  it('says at which stage a backend was stopped, and what it had done', () => {
    expect(boundText(capped('webgl', { stoppedAt: 'starting', capMs: 20_000 }))).toBe(
      'it did not start within the 20.0 s cap',
    );
    expect(boundText(capped('webgl', { stoppedAt: 'checking', capMs: 15_000 }))).toBe(
      'its self-check did not finish within the 15.0 s cap',
    );
    expect(boundText(capped('webgpu'))).toBe('no iteration within the 2.0 s cap');
    expect(boundText({ ...capped('webgpu'), outcome: 'cut' })).toBe(
      'cut short when training began',
    );
  });
});

describe('attempts for the page', () => {
  it('lists every backend not excluded, why each was passed over, and which are still usable', () => {
    const attempts = attemptsFrom('wasm', input(TWO_CORES, { exclude: ['cpu'] }));
    expect(attempts.map((a) => [a.backend, a.used, a.usable])).toEqual([
      ['webgpu', false, true],
      ['webgl', false, true],
      ['wasm', true, true],
    ]);
    expect(attempts[0]!.reason).toBe('no iteration within the 2.0 s cap');
    expect(attempts[2]!.reason).toMatch(/second-order gradient check passed/);
  });
});

describe('software renderers', () => {
  it.each([
    [SWIFTSHADER_WEBGL, 'SwiftShader'],
    ['llvmpipe (LLVM 15.0.6, 256 bits)', 'llvmpipe'],
    ['Mesa softpipe', 'softpipe'],
    ['Microsoft Basic Render Driver', 'Microsoft Basic Render Driver'],
  ])('recognises %s', (text, name) => {
    expect(isSoftwareRenderer(text)).toBe(true);
    expect(softwareRendererName(text)).toBe(name);
  });

  it('takes a WebGPU fallback adapter for software, and a real GPU for hardware', () => {
    expect(isSoftwareRenderer('apple, metal-3', true)).toBe(true);
    expect(isSoftwareRenderer('WebGL2, ANGLE (NVIDIA, NVIDIA GeForce RTX 3060)')).toBe(false);
  });
});

describe('how long a measurement may take', () => {
  it('gives the reference (first) backend the most time, the others twice its pace within bounds', () => {
    expect(timingCapMs(null)).toBe(MAX_TIMING_CAP_MS);
    expect(timingCapMs(5)).toBe(MIN_TIMING_CAP_MS);
    expect(timingCapMs(4000)).toBe(8000);
    expect(timingCapMs(60_000)).toBe(MAX_TIMING_CAP_MS);
  });

  it('times a GPU past its first iteration, and stops a CPU backend after one long first', () => {
    expect(wantsAnotherIteration('webgl', [], 0)).toBe(true);
    expect(wantsAnotherIteration('webgl', [9000], 0)).toBe(true);
    expect(wantsAnotherIteration('wasm', [9000], 0)).toBe(false);
    expect(wantsAnotherIteration('wasm', [30], 0)).toBe(true);
    expect(wantsAnotherIteration('wasm', [30, 5, 5], STEADY_BUDGET_MS)).toBe(false);
    const many = Array.from({ length: MAX_STEADY_ITERATIONS + 1 }, () => 1);
    expect(wantsAnotherIteration('wasm', many, 0)).toBe(false);
  });

  it('summarises the first iteration and the median of the rest', () => {
    expect(summarizeTimes('webgl', [2000, 50, 70, 60], true)).toEqual({
      firstIterationMs: 2000,
      msPerIteration: 60,
      timedIterations: 3,
    });
    // A CPU backend compiles nothing: one long first iteration is its pace.
    expect(summarizeTimes('wasm', [9000], true).msPerIteration).toBe(9000);
    expect(summarizeTimes('webgl', [9000], false).msPerIteration).toBeNull();
  });

  it('writes durations the way the panel shows them', () => {
    expect([formatMs(5.24), formatMs(13.4), formatMs(1955)]).toEqual(['5.2 ms', '13 ms', '2.0 s']);
  });
});

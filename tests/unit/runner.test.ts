import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USAGE } from '../../src/cli/args';
import {
  DEFAULT_CONFIG,
  SCHEMA_VERSION,
  SETTINGS,
  describeAllowed,
  findSetting,
  toJson,
} from '../../src/core/config';
import { RESULTS_FORMAT } from '../../src/core/results/resultsFile';
import { runCli, type CliRun } from '../helpers/runCli';

/** The runner's exit codes, as documented in its usage text. */
const EXIT_OK = 0;
const EXIT_BAD_INPUT = 2;
const EXIT_DIVERGED = 3;

interface Curve {
  readonly mean: number[];
  readonly ci95: number[];
}

/** One model of the held-out evaluation, as the JSON holds it (a non-finite number is null). */
interface ModelResult {
  readonly id: string;
  readonly role: string;
  readonly loss: Curve;
  readonly accuracy: Curve | null;
  readonly iteration: number;
  readonly msPerIteration: number | null;
  readonly divergence: string | null;
}

/** The shape of the JSON the runner writes. */
interface RunnerResults {
  readonly format: number;
  readonly config: Record<string, unknown>;
  readonly backend: string;
  readonly iterations: number;
  readonly msPerIteration: number | null;
  readonly trainingSeconds: number;
  readonly evaluationSeconds: number | null;
  readonly divergence: { readonly iteration: number; readonly message: string } | null;
  readonly metaTrainLoss: number[];
  readonly parameters: number[][];
  readonly evaluation: {
    readonly steps: number[];
    readonly tasks: number;
    readonly lossKind: string;
    readonly models: ModelResult[];
  } | null;
}

/** The models of a run of MAML alone, by id: the learner, then the baselines. */
const CURVES = ['maml', 'pretrained', 'scratch'] as const;

/** `--set` arguments for each key=value pair. */
function sets(...pairs: string[]): string[] {
  return pairs.flatMap((pair) => ['--set', pair]);
}

/** The defaults as the runner writes them, with some settings replaced. */
function expectedConfig(changes: Record<string, unknown>): Record<string, unknown> {
  return { ...toJson(DEFAULT_CONFIG), ...changes };
}

function parseResults(text: string): RunnerResults {
  return JSON.parse(text) as RunnerResults;
}

/** What the runner printed, for assertion messages. */
function shown(run: CliRun): string {
  return `exit ${String(run.status)}\n--- stderr ---\n${run.stderr}\n--- stdout ---\n${run.stdout}`;
}

function allowedFor(key: string): string {
  const spec = findSetting(key);
  if (spec === undefined) throw new Error(`no setting ${key}`);
  return describeAllowed(spec);
}

function expectFiniteNonNegative(values: readonly number[]): void {
  for (const value of values) {
    expect(Number.isFinite(value), `${value} should be finite`).toBe(true);
    expect(value).toBeGreaterThanOrEqual(0);
  }
}

/** Progress lines on stderr: iteration number, total and rate of each. */
function progressLines(stderr: string): { iteration: number; total: number; rate: number }[] {
  const found: { iteration: number; total: number; rate: number }[] = [];
  for (const line of stderr.split('\n')) {
    const match = /^iteration (\d+)\/(\d+) .* ([\d.]+) it\/s .* left\s*$/.exec(line);
    if (match) {
      found.push({ iteration: Number(match[1]), total: Number(match[2]), rate: Number(match[3]) });
    }
  }
  return found;
}

let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'experiment-runner-test-'));
});

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe('runner: bad settings exit 2 before training', () => {
  /** Runs with bad input and checks nothing was trained or written. */
  function runBad(args: string[]): CliRun {
    const out = join(dir, `never-${String(Math.random()).slice(2)}.json`);
    const run = runCli([...args, '--out', out]);
    expect(run.status, shown(run)).toBe(EXIT_BAD_INPUT);
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toContain('Backend:');
    expect(existsSync(out)).toBe(false);
    return run;
  }

  it('names the setting, the value given and what is allowed for --set innerLr=abc', () => {
    const { stderr } = runBad(sets('innerLr=abc'));
    expect(stderr).toContain('innerLr');
    expect(stderr).toContain('"abc"');
    expect(stderr).toContain(allowedFor('innerLr'));
    expect(allowedFor('innerLr')).toMatch(/number/);
  });

  it('names the setting, the value given and what is allowed for an out-of-range --url value', () => {
    const { stderr } = runBad(['--url', 'http://localhost/?shots=0']);
    expect(stderr).toContain('shots');
    expect(stderr).toContain('"0"');
    expect(stderr).toContain(allowedFor('shots'));
    expect(allowedFor('shots')).toContain('1 to 100');
  });

  it('names an unknown setting and lists the known ones', () => {
    const { stderr } = runBad(sets('noSuchSetting=1'));
    expect(stderr).toContain('"noSuchSetting"');
    for (const spec of SETTINGS) expect(stderr).toContain(spec.key);
  });

  it('reports every problem, from the link and from --set, not just the first', () => {
    const { stderr } = runBad(['--url', '?shots=0&hidden=8', ...sets('metaLr=-1', 'seed=x')]);
    const lines = stderr.split('\n').filter((line) => line.startsWith('Bad setting'));
    expect(lines).toHaveLength(3);
    // The runner refuses rather than falling back, so it must not claim to use another value.
    expect(stderr).toContain('Nothing was run.');
    expect(stderr).not.toMatch(/using the default|keeping the current value/);
    expect(lines.some((line) => line.includes('shots') && line.includes('"0"'))).toBe(true);
    expect(lines.some((line) => line.includes('metaLr') && line.includes('"-1"'))).toBe(true);
    expect(lines.some((line) => line.includes('seed') && line.includes('"x"'))).toBe(true);
  });
});

describe('runner: bad arguments exit 2 with the usage text', () => {
  it.each([
    [['--frob'], '--frob'],
    [['--set', 'shots=3', '--out'], '--out'],
    [['--backend', 'webgl'], 'webgl'],
  ])('%j', (args, named) => {
    const run = runCli(args);
    expect(run.status, shown(run)).toBe(EXIT_BAD_INPUT);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(named);
    expect(run.stderr).toContain(USAGE);
    expect(run.stderr.indexOf(named)).toBeLessThan(run.stderr.indexOf(USAGE));
  });

  it('prints the usage text to stdout for --help and exits 0 without training', () => {
    const run = runCli(['--help']);
    expect(run.status, shown(run)).toBe(EXIT_OK);
    expect(run.stdout).toBe(`${USAGE}\n`);
    expect(run.stderr).not.toContain('Backend:');
  });
});

describe('runner: training runs', () => {
  it('runs a short experiment and writes complete results to --out', () => {
    const out = join(dir, 'short.json');
    const run = runCli([
      ...sets('iterations=30', 'evalTasks=20', 'testInnerSteps=3', 'metaBatch=5'),
      '--out',
      out,
    ]);
    expect(run.status, shown(run)).toBe(EXIT_OK);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Backend: wasm');
    expect(run.stderr).toContain(out);

    const results = parseResults(readFileSync(out, 'utf8'));
    expect(Object.keys(results.config)).toEqual(['v', ...SETTINGS.map((spec) => spec.key)]);
    expect(results.config).toEqual(
      expectedConfig({ iterations: 30, evalTasks: 20, testInnerSteps: 3, metaBatch: 5 }),
    );
    expect(results.config.v).toBe(SCHEMA_VERSION);
    expect(results.format).toBe(RESULTS_FORMAT);
    expect(results.backend).toBe('wasm');
    expect(results.iterations).toBe(30);
    expect(results.divergence).toBeNull();

    const ms = results.msPerIteration;
    expect(ms).not.toBeNull();
    expect(ms).toBeGreaterThan(0);
    expect(Number.isFinite(ms)).toBe(true);
    // msPerIteration is the training time spread over the iterations.
    expect(results.trainingSeconds).toBeCloseTo(((ms ?? 0) * 30) / 1000, 6);
    expect(results.evaluationSeconds).toBeGreaterThan(0);

    expect(results.metaTrainLoss).toHaveLength(30);
    expectFiniteNonNegative(results.metaTrainLoss);
    // A mean squared error of an untrained-to-lightly-trained net on sine waves is never exactly 0.
    for (const loss of results.metaTrainLoss) expect(loss).toBeGreaterThan(0);

    const evaluation = results.evaluation;
    expect(evaluation).not.toBeNull();
    if (evaluation === null) return;
    expect(evaluation.steps).toEqual([0, 1, 2, 3]);
    expect(evaluation.tasks).toBe(20);
    expect(evaluation.lossKind).toBe('mse');
    expect(evaluation.models.map((model) => model.id)).toEqual(CURVES);
    expect(evaluation.models.map((model) => model.role)).toEqual([
      'learner',
      'baseline',
      'baseline',
    ]);
    for (const model of evaluation.models) {
      const curve = model.loss;
      expect(curve.mean, model.id).toHaveLength(4);
      expect(curve.ci95, model.id).toHaveLength(4);
      expectFiniteNonNegative(curve.mean);
      expectFiniteNonNegative(curve.ci95);
      for (const mean of curve.mean) expect(mean).toBeGreaterThan(0);
      expect(model.accuracy, model.id).toBeNull();
      expect(model.divergence, model.id).toBeNull();
    }
    const [learner, pretrained, scratch] = evaluation.models;
    // The learner and the pretrained baseline trained every iteration, each timed on its own.
    expect(learner!.iteration).toBe(30);
    expect(pretrained!.iteration).toBe(30);
    for (const trained of [learner!, pretrained!]) {
      expect(trained.msPerIteration).toBeGreaterThan(0);
      expect(trained.msPerIteration).toBeLessThan(ms ?? 0);
    }
    // Scratch never trains: no iterations, no time (JSON writes the NaN as null).
    expect(scratch!.iteration).toBe(0);
    expect(scratch!.msPerIteration).toBeNull();

    const progress = progressLines(run.stderr);
    expect(progress.length, run.stderr).toBeGreaterThan(0);
    for (const line of progress) {
      expect(line.total).toBe(30);
      expect(line.rate).toBeGreaterThan(0);
    }
    const iterations = progress.map((line) => line.iteration);
    expect(iterations).toEqual([...iterations].sort((a, b) => a - b));
    expect(new Set(iterations).size).toBe(iterations.length);
    expect(iterations.at(-1)).toBe(30);
    expect(run.stderr).toMatch(/iteration 30\/30 .*0s left/);
    expect(run.stderr).toContain('Held-out MSE over 20 tasks');
    expect(run.stderr).not.toContain('Note:');

    // The meta-learned initialisation of the 1-40-40-1 network: [W1, b1, W2, b2, W3, b3].
    expect(results.parameters.map((p) => p.length)).toEqual([40, 40, 1600, 40, 40, 1]);
    expect(results.parameters.flat().every(Number.isFinite)).toBe(true);
  });

  it('notes when fine-tuning at test time blows up, naming the curve and the rate', () => {
    // innerLr 0.3 is fine for two meta-iterations but overshoots within ten test-time steps.
    const run = runCli([
      ...sets('iterations=2', 'innerLr=0.3', 'evalTasks=20', 'metaBatch=2'),
      '--out',
      join(dir, 'unstable.json'),
    ]);
    expect(run.status, shown(run)).toBe(EXIT_OK);
    for (const name of CURVES) {
      expect(run.stderr).toMatch(
        new RegExp(`Note: ${name}'s held-out loss at step \\d+ is more than ten times its best`),
      );
    }
    expect(run.stderr).toContain('innerLr = 0.3');
  });

  it('takes settings from a shared link and writes the JSON to stdout without --out', () => {
    const run = runCli([
      '--url',
      'http://localhost:5173/?v=1&shots=3&hidden=8',
      ...sets('iterations=5', 'evalTasks=5', 'testInnerSteps=1', 'metaBatch=2'),
    ]);
    expect(run.status, shown(run)).toBe(EXIT_OK);
    const lines = run.stdout.split('\n');
    expect(lines).toHaveLength(2); // one line of JSON and the final newline
    expect(lines[1]).toBe('');
    const results = parseResults(lines[0]!);
    expect(results.config).toEqual(
      expectedConfig({
        shots: 3,
        hidden: [8],
        iterations: 5,
        evalTasks: 5,
        testInnerSteps: 1,
        metaBatch: 2,
      }),
    );
    expect(results.iterations).toBe(5);
    expect(results.metaTrainLoss).toHaveLength(5);
    expect(results.evaluation?.steps).toEqual([0, 1]);
    expect(results.evaluation?.tasks).toBe(5);
    expect(run.stderr).not.toContain('Results written');
  });

  it('lets --set override the link, wherever --set is placed', () => {
    const out = join(dir, 'override.json');
    const run = runCli([
      ...sets('seed=9'),
      '--url',
      '?v=1&shots=3&hidden=8&seed=5&activation=tanh',
      ...sets('shots=4', 'iterations=3', 'evalTasks=3', 'testInnerSteps=1', 'metaBatch=2'),
      '--out',
      out,
    ]);
    expect(run.status, shown(run)).toBe(EXIT_OK);
    const results = parseResults(readFileSync(out, 'utf8'));
    expect(results.config).toEqual(
      expectedConfig({
        shots: 4,
        hidden: [8],
        seed: 9,
        activation: 'tanh',
        iterations: 3,
        evalTasks: 3,
        testInnerSteps: 1,
        metaBatch: 2,
      }),
    );
  });

  it('runs on the cpu backend with --backend cpu', () => {
    const out = join(dir, 'cpu.json');
    const run = runCli([
      '--backend',
      'cpu',
      ...sets('iterations=3', 'evalTasks=3', 'testInnerSteps=1', 'metaBatch=2', 'hidden=8'),
      '--out',
      out,
    ]);
    expect(run.status, shown(run)).toBe(EXIT_OK);
    expect(run.stderr).toContain('Backend: cpu');
    const results = parseResults(readFileSync(out, 'utf8'));
    expect(results.backend).toBe('cpu');
    expect(results.iterations).toBe(3);
    expect(results.metaTrainLoss).toHaveLength(3);
    expectFiniteNonNegative(results.metaTrainLoss);
    expect(results.evaluation?.models[0]?.loss.mean).toHaveLength(2);
  });

  it('exits 3 on divergence, blaming innerLr, and keeps the partial results', () => {
    const out = join(dir, 'diverged.json');
    const run = runCli([
      ...sets('innerLr=10', 'iterations=50', 'metaBatch=5', 'evalTasks=5', 'testInnerSteps=2'),
      '--out',
      out,
    ]);
    expect(run.status, shown(run)).toBe(EXIT_DIVERGED);
    expect(run.stderr).toContain('innerLr');
    expect(run.stderr).not.toContain('Held-out MSE');
    expect(run.stdout).toBe('');

    const results = parseResults(readFileSync(out, 'utf8'));
    expect(results.config.innerLr).toBe(10);
    const divergence = results.divergence;
    expect(divergence).not.toBeNull();
    if (divergence === null) return;
    expect(Number.isInteger(divergence.iteration)).toBe(true);
    expect(divergence.iteration).toBeGreaterThanOrEqual(1);
    expect(divergence.iteration).toBeLessThanOrEqual(50);
    expect(divergence.message).toContain('innerLr');
    expect(run.stderr).toContain(divergence.message);
    // The diverging iteration is not counted: only the completed ones are.
    expect(results.iterations).toBe(divergence.iteration - 1);
    expect(results.metaTrainLoss).toHaveLength(results.iterations);
    expectFiniteNonNegative(results.metaTrainLoss);
    if (results.iterations === 0) expect(results.msPerIteration).toBeNull();
    else expect(results.msPerIteration).toBeGreaterThan(0);
    expect(results.evaluation).toBeNull();
    expect(results.evaluationSeconds).toBeNull();
  });
});

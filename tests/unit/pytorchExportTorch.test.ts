/**
 * The exported PyTorch script, run: it needs python3 with PyTorch (CI installs the CPU build) and
 * skips, saying why, without it.
 *
 * - One meta-batch: the script's MAML meta-gradient (second order, through autograd) equals the
 *   playground's (lowRankMaml.ts, tfjs) on the same tasks and initial weights, which the script
 *   draws from the seed as the playground does. Both compute in float32 (unit roundoff 6e-8); an
 *   entry is a sum over 25 tasks of products through a backward pass and its derivative, so the
 *   two orders of summation differ by a few units of roundoff (measured: 2e-7 relative in the
 *   2-norm). We require 1e-4, far below the gap to the first-order meta-gradient (0.34 here).
 * - torchrun with two processes: each computes half the tasks' share and an all-reduce adds them.
 *   That changes only the order of the float32 sum over tasks (one split into two partial sums):
 *   at most a few units of roundoff of the largest term per entry (measured: 8e-8 relative);
 *   we require 1e-5.
 * - 300 iterations of the default sinusoid MAML: the script's held-out MSE after 1 and 10 steps
 *   lies within the runner's 95% intervals on the same settings and held-out tasks, and its
 *   results file reads as the runner's format.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJson, type ExperimentConfig } from '../../src/core/config';
import { pytorchScript } from '../../src/core/export/pytorchScript';
import { readResults, type Results } from '../../src/core/results/resultsFile';
import { createRng } from '../../src/core/random/rng';
import { sampleSinusoidBatch } from '../../src/core/tasks/sinusoid';
import { toTaskTensors } from '../../src/core/tasks/taskTensors';
import { toTensors } from '../../src/core/model/mlp';
import { metaGradient } from '../../src/core/learners/maml/lowRankMaml';
import { initialNetwork, modelSpec } from '../../src/core/trainer/regression/stream';
import { startBackend } from '../../src/cli/nodeBackend';
import { readFlat, relativeError, scoped } from '../helpers/fixtures';
import { runCli } from '../helpers/runCli';
import { pythonMissing, runPython } from '../helpers/python';
import { configWith } from '../helpers/sessions';

const noTorch = pythonMissing(['torch']);
const skipped = noTorch ? ` (skipped: ${noTorch}; .ci/run installs CPU PyTorch with pip)` : '';
const folder = mkdtempSync(join(tmpdir(), 'pytorch-run-'));

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

/** Writes the script for `config` into the test's folder and returns its path. */
function exported(config: ExperimentConfig, name: string): string {
  const script = pytorchScript(config);
  if (!script.ok) throw new Error(script.reason);
  const path = join(folder, name);
  writeFileSync(path, script.text);
  return path;
}

interface MetaGradientFile {
  readonly processes: number;
  readonly loss: number;
  readonly gradient: number[][];
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function expectRan(run: { status: number | null; stderr: string }): void {
  if (run.status !== 0) throw new Error(`the script failed (${run.status}):\n${run.stderr}`);
}

describe.skipIf(noTorch !== null)(`the exported script under PyTorch${skipped}`, () => {
  const gradientConfig = configWith('iterations=1', 'evalTasks=10', 'testInnerSteps=2');
  let oneProcess: MetaGradientFile;

  beforeAll(async () => {
    await startBackend('cpu');
    const script = exported(gradientConfig, 'gradient.py');
    const out = join(folder, 'one.json');
    expectRan(runPython([script, '--device', 'cpu', '--meta-gradient-out', out]));
    oneProcess = readJson(out) as MetaGradientFile;
  });

  it("computes the playground's second-order MAML meta-gradient on the seed's first meta-batch", () => {
    const config = gradientConfig;
    const batch = sampleSinusoidBatch(
      createRng(config.seed, 'tasks'),
      config.metaBatch,
      config.shots,
      config.query,
    );
    const options = {
      innerLr: config.innerLr,
      innerSteps: config.innerSteps,
      firstOrder: config.firstOrder,
      activation: config.activation,
    };
    const expected = scoped(() => {
      const theta = toTensors(modelSpec(config), initialNetwork(config));
      const { taskLoss, grads } = metaGradient(theta, toTaskTensors(batch), options);
      return { loss: taskLoss.mean().dataSync()[0]!, gradient: readFlat(grads) };
    });
    const firstOrder = scoped(() => {
      const theta = toTensors(modelSpec(config), initialNetwork(config));
      const { grads } = metaGradient(theta, toTaskTensors(batch), { ...options, firstOrder: true });
      return readFlat(grads);
    });
    const gradient = oneProcess.gradient.flat();
    expect(oneProcess.processes).toBe(1);
    expect(gradient).toHaveLength(expected.gradient.length);
    expect(Math.abs(oneProcess.loss - expected.loss)).toBeLessThan(1e-5 * expected.loss);
    expect(relativeError(gradient, expected.gradient)).toBeLessThan(1e-4);
    // The tolerance tells second order from first order by far.
    expect(relativeError(firstOrder, expected.gradient)).toBeGreaterThan(1e-2);
  });

  it('gives the same meta-gradient with torchrun --nproc_per_node 2 as in one process', () => {
    const script = join(folder, 'gradient.py');
    const out = join(folder, 'two.json');
    const args = ['--standalone', '--nproc_per_node', '2', script, '--device', 'cpu'];
    expectRan(runPython(['-m', 'torch.distributed.run', ...args, '--meta-gradient-out', out]));
    const twoProcesses = readJson(out) as MetaGradientFile;
    expect(twoProcesses.processes).toBe(2);
    expect(relativeError(twoProcesses.gradient.flat(), oneProcess.gradient.flat())).toBeLessThan(
      1e-5,
    );
    expect(Math.abs(twoProcesses.loss - oneProcess.loss)).toBeLessThan(1e-5 * oneProcess.loss);
  });

  it("lands within the runner's 95% intervals after 300 iterations, in the runner's format", () => {
    const config = configWith('iterations=300');
    const script = exported(config, 'maml.py');
    const scriptOut = join(folder, 'script.json');
    const runnerOut = join(folder, 'runner.json');
    const runner = runCli(['--set', 'iterations=300', '--backend', 'wasm', '--out', runnerOut]);
    expect(runner.status).toBe(0);
    expectRan(runPython([script, '--device', 'cpu', '--out', scriptOut]));
    const read = (path: string): Results => {
      const result = readResults(readJson(path));
      if (!result.ok) throw new Error(`${path}: ${result.message}`);
      return result.results;
    };
    const ours = read(scriptOut);
    const theirs = read(runnerOut);
    expect(ours.config).toEqual(toJson(config));
    expect(ours.iterations).toBe(300);
    expect(ours.metaTrainLoss).toHaveLength(300);
    expect(ours.evaluation!.tasks).toBe(config.evalTasks);
    expect(ours.evaluation!.models.map((m) => m.id)).toEqual(['maml', 'pretrained', 'scratch']);
    const mine = ours.evaluation!.models[0]!.loss;
    const reference = theirs.evaluation!.models[0]!.loss;
    for (const step of [1, 10]) {
      expect(Math.abs(mine.mean[step]! - reference.mean[step]!)).toBeLessThanOrEqual(
        reference.ci95[step]!,
      );
    }
    // Training did something: ten steps from the learned start beat the untrained network.
    const scratch = ours.evaluation!.models[2]!.loss;
    expect(mine.mean[10]!).toBeLessThan(scratch.mean[10]!);
  });
});

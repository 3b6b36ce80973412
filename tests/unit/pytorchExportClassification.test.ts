/**
 * The exported image-classification script's learners, run under PyTorch (CPU build; skipped,
 * saying why, without it) on one meta-batch of random images made by the playground
 * (randomClassificationBatch) and compared with the playground's own step (learnerGradient, tfjs
 * on its CPU backend) from the same seed's initial weights, which the script draws itself.
 *
 * Both compute in float32 (unit roundoff 6e-8) in different orders of summation (tfjs's
 * convolutions are im2col products, PyTorch's its own kernels) through a forward pass, a backward
 * pass and, for second-order MAML, its derivative; measured: 2.6e-7 to 7.4e-7 relative in the
 * 2-norm over the learners below. We require 1e-5, far below the gaps that tell the variants
 * apart: first-order MAML's gradient differs from second-order MAML's by 0.65 here.
 * torchrun with two processes changes only the order of the float32 sum over tasks (measured
 * 1.6e-7); we require 1e-6.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../../src/core/config';
import { pytorchScript } from '../../src/core/export/pytorchScript';
import { createRng } from '../../src/core/random/rng';
import { randomClassificationBatch } from '../../src/core/classification/randomBatch';
import { classificationTensors } from '../../src/core/classification/classificationTensors';
import { initialLearnerValues, learnerSpec } from '../../src/core/trainer/classification/specs';
import { learnerGradient, learnerTensors } from '../../src/core/trainer/classification/step';
import { startBackend } from '../../src/cli/nodeBackend';
import { readFlat, relativeError, scoped } from '../helpers/fixtures';
import { pythonMissing, runPython } from '../helpers/python';
import { configWith } from '../helpers/sessions';
import { prepareDriver, type DriverGradient } from '../helpers/imageScriptDriver';

const noTorch = pythonMissing(['torch']);
const skipped = noTorch ? ` (skipped: ${noTorch}; .ci/run installs CPU PyTorch with pip)` : '';
const folder = mkdtempSync(join(tmpdir(), 'pytorch-images-'));

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

/** Small enough for the CI's two cores: four 5-way tasks of 16-pixel images, two inner steps. */
const BASE = [
  'task=omniglot',
  'filters=6',
  'imageSize=16',
  'ways=5',
  'shots=2',
  'query=3',
  'metaBatch=4',
  'innerSteps=2',
  'innerLr=0.4',
];

const batch = randomClassificationBatch(createRng(7, 'test batch'), {
  tasks: 4,
  ways: 5,
  shots: 2,
  queries: 3,
  imageSize: 16,
});

interface PlaygroundStep {
  readonly gradient: Float64Array;
  readonly loss: number;
  readonly accuracy: number;
}

const mean = (values: ArrayLike<number>): number =>
  Array.from(values).reduce((a, b) => a + b, 0) / values.length;

/** The playground's step for `config` on the batch, from the seed's initial values. */
function playgroundStep(config: ExperimentConfig): PlaygroundStep {
  return scoped(() => {
    const values = initialLearnerValues(config, createRng(config.seed, 'init'));
    const data = classificationTensors(batch);
    const step = learnerGradient(config, learnerSpec(config), learnerTensors(config, values), data);
    return {
      gradient: readFlat(step.grads),
      loss: mean(step.lossAfter.dataSync()),
      accuracy: mean(step.accuracyAfter.dataSync()),
    };
  });
}

let driverArgs: string[] = [];

/** Writes the script of every config; returns their paths. */
function scripts(configs: readonly ExperimentConfig[], name: string): string[] {
  return configs.map((config, i) => {
    const script = pytorchScript(config);
    if (!script.ok) throw new Error(script.reason);
    const path = join(folder, `${name}-${i}.py`);
    writeFileSync(path, script.text);
    return path;
  });
}

/**
 * Each script's first meta-gradient on the batch, all in one Python process (PyTorch starts once),
 * or in `processes` > 1 under torchrun.
 */
function scriptSteps(configs: readonly ExperimentConfig[], name: string, processes = 1) {
  const out = join(folder, `${name}-${processes}.json`);
  const launcher =
    processes > 1
      ? ['-m', 'torch.distributed.run', '--standalone', '--nproc_per_node', String(processes)]
      : [];
  const run = runPython([...launcher, ...driverArgs, out, ...scripts(configs, name)]);
  if (run.status !== 0) throw new Error(`the script failed (${run.status}):\n${run.stderr}`);
  return JSON.parse(readFileSync(out, 'utf8')) as DriverGradient[];
}

function expectSame(ours: DriverGradient, theirs: PlaygroundStep): void {
  const gradient = ours.gradient.flat();
  expect(gradient).toHaveLength(theirs.gradient.length);
  expect(relativeError(gradient, theirs.gradient)).toBeLessThan(1e-5);
  expect(Math.abs(ours.loss - theirs.loss)).toBeLessThan(1e-5 * theirs.loss);
  expect(ours.accuracy).toBeCloseTo(theirs.accuracy, 6);
}

/** Every learner, and the conv net without normalisation and the MLP under MAML. */
const CASES = [
  ['algorithm=maml'],
  ['algorithm=fomaml'],
  ['algorithm=metasgd'],
  ['algorithm=anil'],
  ['algorithm=reptile'],
  ['algorithm=protonet'],
  ['algorithm=maml', 'norm=none'],
  ['algorithm=maml', 'network=mlp', 'hidden=32,16'],
];
const configs = CASES.map((sets) => configWith(...BASE, ...sets));

describe.skipIf(noTorch !== null)(`the exported image learners under PyTorch${skipped}`, () => {
  let ours: DriverGradient[] = [];

  beforeAll(async () => {
    await startBackend('cpu');
    driverArgs = prepareDriver(folder, batch);
    ours = scriptSteps(configs, 'learners');
  });

  it("computes the playground's second-order MAML meta-gradient of the conv net, not first order's", () => {
    const expected = playgroundStep(configs[0]!);
    expectSame(ours[0]!, expected);
    const firstOrder = playgroundStep(configWith(...BASE, 'algorithm=maml', 'firstOrder=true'));
    // The tolerance tells second order from first order by far.
    expect(relativeError(firstOrder.gradient, expected.gradient)).toBeGreaterThan(1e-2);
  });

  it.each(CASES.slice(1).map((sets, i) => [sets.join(' '), i + 1]))(
    "computes the playground's step for %s",
    (_, index) => {
      expectSame(ours[index]!, playgroundStep(configs[index]!));
    },
  );

  it('gives the same meta-gradient with torchrun --nproc_per_node 2 as in one process', () => {
    const [two] = scriptSteps([configs[0]!], 'parallel', 2);
    const one = ours[0]!;
    expect(one.processes).toBe(1);
    expect(two!.processes).toBe(2);
    // Only the order of the float32 sum over tasks changes (two partial sums).
    expect(relativeError(two!.gradient.flat(), one.gradient.flat())).toBeLessThan(1e-6);
    expect(Math.abs(two!.loss - one.loss)).toBeLessThan(1e-6 * one.loss);
  });
});

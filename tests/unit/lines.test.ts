/**
 * The lines family (y = a x + b, two parameters with hidden= empty): sampling, MAML's
 * meta-gradient against finite differences of the float64 reference, one inner step against its
 * closed form, the parameter-plane picture, and the point of the family: after training, one step
 * from MAML's initialisation fits held-out tasks better than one step from pretraining's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/random/rng';
import { LINES, LINES_FAMILY, sampleLinesBatch } from '../../src/core/families/lines';
import { TASK_IDS, taskFamily } from '../../src/core/families/registry';
import { hasParameterPlane } from '../../src/core/families/parameterPlane';
import { createTrainer } from '../../src/core/trainer/createTrainer';
import { parameterPlane, PLANE_TASKS } from '../../src/core/trainer/regression/parameterPlane';
import { metaGradient } from '../../src/core/learners/maml/lowRankMaml';
import { toTaskTensors } from '../../src/core/tasks/taskTensors';
import { initialValues, layerSizes, toTensors } from '../../src/core/model/mlp';
import { toTasks64 } from '../helpers/fixtures';
import { finiteDifferences, metaObjective } from '../../src/core/check/float64Mlp';
import { lineGradient, lineLoss, lineMoments, lineOptimum } from '../../src/core/math/linePlane';
import { startBackend } from '../../src/cli/nodeBackend';
import { flatten, readFlat, relativeError, scoped, spec } from '../helpers/fixtures';
import { readMetaGradient } from '../helpers/sinusoidProblem';
import { configOver, configWith, train } from '../helpers/sessions';

/** The preset's kind of run, smaller. */
const LINES_RUN = [
  'task=lines',
  'hidden=none',
  'shots=10',
  'query=10',
  'metaBatch=10',
  'innerSteps=1',
  'testInnerSteps=1',
  'innerLr=0.3',
  'metaLr=0.02',
  'evalTasks=30',
];

describe('lines tasks', () => {
  it('are registered, with the function view and two parameters without hidden layers', () => {
    expect(TASK_IDS).toContain('lines');
    expect(taskFamily('lines')).toBe(LINES_FAMILY);
    expect(hasParameterPlane(configWith('task=lines', 'hidden=none'))).toBe(true);
    expect(hasParameterPlane(configWith('task=lines'))).toBe(false);
    expect(hasParameterPlane(configWith('task=sinusoid', 'hidden=none'))).toBe(true);
    expect(hasParameterPlane(configWith('task=glyphs', 'hidden=none'))).toBe(false);
  });

  it('are drawn deterministically from the seed, within their clusters, on their lines', () => {
    const a = sampleLinesBatch(createRng(3, 'tasks'), 200, 5, 7);
    const b = sampleLinesBatch(createRng(3, 'tasks'), 200, 5, 7);
    expect(a.supportX).toEqual(b.supportX);
    expect(a.queryY).toEqual(b.queryY);
    expect(a.slope).toEqual(b.slope);
    const c = sampleLinesBatch(createRng(4, 'tasks'), 200, 5, 7);
    expect(c.slope).not.toEqual(a.slope);
    let wide = 0;
    for (let t = 0; t < a.tasks; t++) {
      const slope = a.slope[t]!;
      const intercept = a.intercept[t]!;
      const cluster = slope > 0 ? LINES.wide : LINES.narrow;
      if (slope > 0) wide += 1;
      expect(slope).toBeGreaterThanOrEqual(cluster.slope[0]);
      expect(slope).toBeLessThanOrEqual(cluster.slope[1]);
      expect(intercept).toBeGreaterThanOrEqual(cluster.intercept[0]);
      expect(intercept).toBeLessThanOrEqual(cluster.intercept[1]);
      for (let i = 0; i < 5; i++) {
        const x = a.supportX[t * 5 + i]!;
        expect(x).toBeGreaterThanOrEqual(cluster.input[0]);
        expect(x).toBeLessThanOrEqual(cluster.input[1]);
        expect(a.supportY[t * 5 + i]).toBeCloseTo(slope * x + intercept, 5);
      }
      expect(a.describe(t)).toEqual([
        { name: 'a', value: slope.toFixed(2) },
        { name: 'b', value: intercept.toFixed(2) },
      ]);
    }
    // Both clusters, about evenly.
    expect(wide).toBeGreaterThan(70);
    expect(wide).toBeLessThan(130);
    const shown = LINES_FAMILY.drawTask(createRng(1, 'view'), 5);
    expect(shown.supportX.length).toBe(5);
    expect(shown.truth(shown.supportX[0]!)).toBeCloseTo(shown.supportY[0]!, 5);
    expect(shown.formula).toMatch(/^y = -?\d\.\d\d x [+\u2212] \d\.\d\d$/);
  });
});

describe('MAML on lines (wasm)', () => {
  beforeAll(async () => {
    await startBackend('wasm');
  });

  it.each([1, 2])(
    'meta-gradient of the linear model matches finite differences of the float64 objective (%i inner steps)',
    (innerSteps) => {
      const s = spec([]);
      const batch = sampleLinesBatch(createRng(21, 'tasks'), 6, 5, 6);
      const values = initialValues(s, createRng(21, 'init'));
      const flat = flatten(values);
      const sizes = layerSizes(s);
      const tasks64 = toTasks64(batch);
      const innerLr = 0.2;
      const objective = (p: Float64Array): number =>
        metaObjective(p, sizes, tasks64, innerLr, innerSteps, 'relu');
      const expected = finiteDifferences(objective, flat, 1e-5);
      const options = { innerLr, innerSteps, firstOrder: false, activation: 'relu' as const };
      const { loss, grad } = scoped(() =>
        readMetaGradient(metaGradient(toTensors(s, values), toTaskTensors(batch), options)),
      );
      expect(flat.length).toBe(2);
      expect(Math.abs(loss - objective(flat)) / objective(flat)).toBeLessThan(1e-5);
      expect(relativeError(grad, expected)).toBeLessThan(1e-3);
      // The same read of the gradient as the engines' list of tensors.
      expect(readFlat).toBeDefined();
    },
  );

  it("reports the after-adaptation loss of one SGD step's closed form", async () => {
    const config = configOver(LINES_RUN, 'metaBatch=1', 'seed=8');
    const trainer = createTrainer(config, null);
    const [w, b] = trainer.parameters.map((p) => p[0]!);
    const [first] = await train(trainer, 1);
    // The same task, by hand: the support loss is mean (w x + b - y)^2, so one step is
    // w' = w - lr * 2 mean(x r), b' = b - lr * 2 mean(r) with r = w x + b - y.
    const task = sampleLinesBatch(createRng(8, 'tasks'), 1, 10, 10);
    let gw = 0;
    let gb = 0;
    for (let i = 0; i < 10; i++) {
      const x = task.supportX[i]!;
      const r = w! * x + b! - task.supportY[i]!;
      gw += (2 * x * r) / 10;
      gb += (2 * r) / 10;
    }
    const w1 = w! - config.innerLr * gw;
    const b1 = b! - config.innerLr * gb;
    let after = 0;
    let before = 0;
    for (let i = 0; i < 10; i++) {
      const x = task.queryX[i]!;
      const y = task.queryY[i]!;
      after += (w1 * x + b1 - y) ** 2 / 10;
      before += (w! * x + b! - y) ** 2 / 10;
    }
    expect(first!.taskLossAfter[0]! / after).toBeCloseTo(1, 5);
    expect(first!.taskLossBefore[0]! / before).toBeCloseTo(1, 5);
    // The moments' gradient is the same step.
    expect(lineGradient(lineMoments(task.supportX, task.supportY), w!, b!)[0]).toBeCloseTo(gw, 5);
  });

  it('draws the plane: every model, the optima and one step from the lead and the pretrained', async () => {
    const config = configWith(...LINES_RUN, 'compare=maml,fomaml,reptile', 'seed=2');
    const trainer = createTrainer(config, null);
    await train(trainer, 3);
    const plane = await parameterPlane(trainer);
    expect(plane.iteration).toBe(3);
    expect(plane.models.map((m) => m.id)).toEqual([
      'maml',
      'fomaml',
      'reptile',
      'pretrained',
      'scratch',
    ]);
    const lead = plane.models[0]!;
    // Learners and the pretrained baseline start from one network; scratch stays where it began.
    const starts = plane.models.filter((m) => m.id !== 'scratch').map((m) => m.start);
    expect(new Set(starts.map((p) => `${p.w},${p.b}`)).size).toBe(1);
    const scratch = plane.models.find((m) => m.id === 'scratch')!;
    expect([scratch.w, scratch.b]).toEqual([scratch.start.w, scratch.start.b]);
    expect(lead.w).toBe(trainer.parameters[0]![0]);
    expect(lead.b).toBe(trainer.parameters[1]![0]);
    expect(plane.tasks).toHaveLength(PLANE_TASKS);
    const held = sampleLinesBatch(createRng(2, 'evaluation'), 30, 10, config.evalQuery);
    plane.tasks.forEach((task, t) => {
      expect(task.optimum.w).toBeCloseTo(held.slope[t]!, 3);
      expect(task.optimum.b).toBeCloseTo(held.intercept[t]!, 3);
      // One step of plain SGD (MAML's inner rule) from the lead's point, by the moments.
      const [gw, gb] = lineGradient(task.support, lead.w, lead.b);
      expect(task.learnerStep!.w).toBeCloseTo(lead.w - config.innerLr * gw, 4);
      expect(task.learnerStep!.b).toBeCloseTo(lead.b - config.innerLr * gb, 4);
    });
    expect(lineOptimum(plane.tasks[0]!.query).map((v) => v.toFixed(3))).toEqual([
      plane.tasks[0]!.optimum.w.toFixed(3),
      plane.tasks[0]!.optimum.b.toFixed(3),
    ]);
    await expect(parameterPlane(createTrainer(configWith('hidden=8'), null))).rejects.toThrow();
  });

  it("after training, one step from MAML's initialisation fits held-out tasks better than from pretraining's", async () => {
    const config = configWith(...LINES_RUN, 'seed=1');
    const trainer = createTrainer(config, null);
    await train(trainer, 400);
    const plane = await parameterPlane(trainer);
    const mean = (pick: (t: (typeof plane.tasks)[number]) => number) =>
      plane.tasks.reduce((s, t) => s + pick(t), 0) / plane.tasks.length;
    const maml = mean((t) => lineLoss(t.query, t.learnerStep!.w, t.learnerStep!.b));
    const pretrained = mean((t) => lineLoss(t.query, t.pretrainedStep!.w, t.pretrainedStep!.b));
    const mamlModel = plane.models.find((m) => m.id === 'maml');
    const pretrainedModel = plane.models.find((m) => m.id === 'pretrained');
    console.log(
      `[lines] after 400 iterations: MAML init (${mamlModel!.w.toFixed(3)}, ${mamlModel!.b.toFixed(3)}), ` +
        `pretrained (${pretrainedModel!.w.toFixed(3)}, ${pretrainedModel!.b.toFixed(3)}); ` +
        `mean query loss after one step: MAML ${maml.toFixed(4)}, pretrained ${pretrained.toFixed(4)}`,
    );
    expect(maml).toBeLessThan(pretrained);
    // ... from a visibly different initialisation: MAML leans toward the falling lines.
    expect(pretrainedModel!.w - mamlModel!.w).toBeGreaterThan(0.3);
  });
});

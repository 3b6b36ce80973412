/**
 * Few-shot classification runs: a meta-learner (MAML, first-order MAML, Reptile, Meta-SGD, ANIL or
 * prototypical networks, by config.algorithm) meta-trained on N-way K-shot tasks from a class pool
 * (the built-in glyphs or the user's Omniglot), beside the same two baselines as the sinusoid
 * runs, driven one meta-iteration at a time and fully determined by the config.
 *
 * - "pretrained": the same classifier trained jointly on every batch's images with their task
 *   labels, with the same outer Adam steps on the same task stream (the MAML paper's multi-task
 *   baseline). Since a label means a different class in every task, what it can carry over is
 *   only its features;
 * - "scratch": a fresh random classifier, never trained.
 * Both fine-tune on a new task's support images with innerLr at test time, like MAML.
 *
 * As in TrainingSession, parameters live in JavaScript arrays between calls and every tensor is
 * made and disposed within a call, so the session holds no tensors. The learner's arrays are the
 * network's parameters theta, followed for Meta-SGD by its learned inner rates alpha (so
 * snapshots carry them); `parameters` is theta alone.
 */
import type { ExperimentConfig } from '../config';
import { createRng, restoreRng, type Rng } from '../random/rng';
import { loadLearner, newLearner, saveLearner, type Learner } from './learner';
import type { ClassSources, ClassificationBatch } from '../classification/types';
import { sampleClassificationBatch, sampleClassificationTasks } from '../classification/sampling';
import { initialClassifierValues } from '../model/classifierParams';
import { oneShotRunsBatch } from '../classification/samplingOneShotRuns';
import type { OneShotRunsArchive } from '../data/omniglot';
import type { OneShotScore, TaskView } from './classificationInspect';
import { singleTask } from './singleTask';
import {
  baselineSpec,
  evaluationQueries,
  initialLearnerValues,
  splitLearnerValues,
} from './classificationSpecs';
import { classificationInsights, type LatestBatch } from './classificationInsights';
import { launchClassificationStep, type StepReadout } from './classificationStep';
import { scoreAdaptation, type TaskScores } from './classificationScores';
import { EXPLOSION_FACTOR, explainDivergence, type DivergenceKind } from './divergence';
import { summarize } from '../maml/evaluation';
import { DataError } from '../data/errors';
import { classificationFamily } from '../families/registry';
import {
  LEARNERS,
  algorithmInfo,
  classificationLearner,
  type LearnerDefinition,
} from '../learners/registry';

/** The learners whose network has no per-way head, so they score tasks of any width. */
function withoutHead(): string {
  const learners: readonly LearnerDefinition[] = LEARNERS;
  return learners
    .filter((learner) => learner.classification?.head === 'embedding')
    .map((learner) => learner.id)
    .join(' or ');
}
import type {
  BeforeChunk,
  CurvesByModel,
  Divergence,
  Evaluation,
  Session,
  SessionSnapshot,
  StepMetrics,
  StepResult,
  Insights,
} from './types';

/** The class pools a run draws its tasks from: meta-training and held-out classes never overlap. */
export type { ClassSources } from '../classification/types';

/**
 * Refuses settings the pools cannot serve at the start, with the reason, rather than failing at
 * the first batch or evaluation (which would look like a broken backend).
 */
function checkSources(config: ExperimentConfig, sources: ClassSources): void {
  const pools = [
    ['meta-training', sources.train, config.shots + config.query],
    ['held-out', sources.test, config.shots + 1],
  ] as const;
  for (const [role, pool, needed] of pools) {
    if (pool.classCount < config.ways) {
      throw new DataError(
        `The ${role} classes number ${pool.classCount}, fewer than ways = ${config.ways}: load more alphabets or lower ways.`,
      );
    }
    if (pool.examplesPerClass < needed) {
      throw new DataError(
        `Each ${role} class has ${pool.examplesPerClass} images, fewer than the ${needed} a task needs (shots${role === 'held-out' ? ' + 1 query' : ' + query'}).`,
      );
    }
  }
}

/** Held-out tasks are drawn and scored this many at a time, bounding memory for any evalTasks. */
const EVALUATION_CHUNK = 20;

function mean(values: Float32Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

export class ClassificationSession implements Session {
  readonly config: ExperimentConfig;
  private readonly sources: ClassSources;
  private taskRng: Rng;
  private readonly learner: Learner;
  private readonly pretrained: Learner;
  private readonly scratch: Float32Array[];
  private completed = 0;
  private stoppedBy: Divergence | null = null;
  /** The latest meta-batch, for insights; not in snapshots (a restored run has none yet). */
  private latest: LatestBatch | null = null;

  constructor(config: ExperimentConfig, sources: ClassSources) {
    checkSources(config, sources);
    this.config = config;
    this.sources = sources;
    this.taskRng = createRng(config.seed, 'tasks');
    const make = (values: Float32Array[]): Learner => newLearner(values, config.metaLr);
    // The learner and the pretrained baseline start alike where their networks agree (ProtoNets
    // have no head): only the training objective differs.
    const learnerInit = initialLearnerValues(config, createRng(config.seed, 'init'));
    const baselineInit = initialClassifierValues(
      baselineSpec(config),
      createRng(config.seed, 'init'),
    );
    this.learner = make(learnerInit);
    this.pretrained = make(baselineInit);
    this.scratch = initialClassifierValues(baselineSpec(config), createRng(config.seed, 'scratch'));
  }

  get iteration(): number {
    return this.completed;
  }

  get divergence(): Divergence | null {
    return this.stoppedBy;
  }

  get parameters(): readonly Float32Array[] {
    return splitLearnerValues(this.config, this.learner.values).theta;
  }

  /**
   * How the latest meta-batch's tasks relate (cosines of their own update directions,
   * recomputed here) and, for Meta-SGD, the learned inner rates as they stand.
   */
  insights(): Promise<Insights> {
    return classificationInsights(this.config, this.completed, this.learner.values, this.latest);
  }

  snapshot(): SessionSnapshot {
    return {
      config: this.config,
      iteration: this.completed,
      taskRng: this.taskRng.save(),
      maml: saveLearner(this.learner),
      pretrained: saveLearner(this.pretrained),
    };
  }

  static restore(snapshot: SessionSnapshot, sources: ClassSources): ClassificationSession {
    const session = new ClassificationSession(snapshot.config, sources);
    session.taskRng = restoreRng(snapshot.taskRng);
    session.completed = snapshot.iteration;
    loadLearner(session.learner, snapshot.maml);
    loadLearner(session.pretrained, snapshot.pretrained);
    return session;
  }

  /** One meta-iteration of the learner and one Adam step of the pretrained baseline. */
  async step(): Promise<StepResult> {
    if (this.stoppedBy) return { ok: false, divergence: this.stoppedBy };
    const { config } = this;
    const rngBefore = this.taskRng.save();
    const pool = this.sources.train;
    const { batch, classIds } = sampleClassificationTasks(this.taskRng, pool, {
      tasks: config.metaBatch,
      ways: config.ways,
      shots: config.shots,
      queries: config.query,
    });
    const values = this.learner.values.map((v) => v.slice());
    try {
      const readout = await launchClassificationStep(
        config,
        this.learner.values,
        this.pretrained.values,
        batch,
      );
      const result = this.complete(readout);
      if (result.ok) {
        const name = (id: number): string =>
          pool.describeClass?.(id) ?? `${classificationFamily(config).className} ${id}`;
        this.latest = {
          batch,
          classNames: classIds.map((ids) => ids.map(name)),
          values,
          taskLossBefore: readout.taskLossBefore,
          taskLossAfter: readout.taskLossAfter,
        };
      }
      return result;
    } catch (error) {
      this.taskRng = restoreRng(rngBefore);
      throw error;
    }
  }

  private complete(readout: StepReadout): StepResult {
    const { config } = this;
    const iteration = this.completed + 1;
    const metaTrainLoss = mean(readout.taskLossAfter);
    const lossBefore = mean(readout.taskLossBefore);
    const finite = [
      readout.taskLossAfter,
      readout.taskLossBefore,
      ...readout.learnerGrads,
      ...readout.pretrainedGrads,
    ].every((values) => values.every(Number.isFinite));
    const cause: DivergenceKind | null = !finite
      ? { kind: 'non-finite' }
      : metaTrainLoss > EXPLOSION_FACTOR * Math.max(lossBefore, Number.MIN_VALUE)
        ? { kind: 'exploded', before: lossBefore, after: metaTrainLoss }
        : null;
    if (cause) {
      this.stoppedBy = { iteration, message: explainDivergence(config, iteration, cause) };
      return { ok: false, divergence: this.stoppedBy };
    }
    this.learner.optimiser.step(this.learner.values, readout.learnerGrads);
    this.pretrained.optimiser.step(this.pretrained.values, readout.pretrainedGrads);
    this.completed = iteration;
    const metrics: StepMetrics = {
      iteration,
      metaTrainLoss,
      taskLossBefore: readout.taskLossBefore,
      taskLossAfter: readout.taskLossAfter,
      pretrainedLoss: readout.pretrainedLoss,
      metaTrainAccuracy: mean(readout.taskAccuracyAfter),
      pretrainedAccuracy: readout.pretrainedAccuracy,
      comparedLoss: null,
    };
    return { ok: true, metrics };
  }

  /**
   * The first `count` held-out tasks of this seed, always the same ones: a fresh evaluation stream
   * is walked from its start, chunk by chunk.
   */
  *heldOutTasks(count: number): Generator<ClassificationBatch> {
    const { config } = this;
    const rng = createRng(config.seed, 'evaluation');
    const queries = evaluationQueries(config, this.sources.test);
    for (let first = 0; first < count; first += EVALUATION_CHUNK) {
      yield sampleClassificationBatch(rng, this.sources.test, {
        tasks: Math.min(EVALUATION_CHUNK, count - first),
        ways: config.ways,
        shots: config.shots,
        queries,
      });
    }
  }

  /**
   * Held-out adaptation: query loss and accuracy after 0..testInnerSteps fine-tuning steps for the
   * learner (flat for ProtoNets, which do not fine-tune) and both baselines.
   */
  async evaluate(
    tasks: number = this.config.evalTasks,
    beforeChunk?: BeforeChunk,
  ): Promise<Evaluation> {
    const { config } = this;
    const count = Math.min(tasks, config.evalTasks);
    const parts: Record<keyof CurvesByModel, TaskScores[]> = {
      maml: [],
      pretrained: [],
      scratch: [],
    };
    const options = beforeChunk ? { beforeChunk } : {};
    // The parameters as they are now: training may go on between the chunks.
    const learner = this.learner.values.map((v) => v.slice());
    const pretrained = this.pretrained.values.map((v) => v.slice());
    for (const batch of this.heldOutTasks(count)) {
      parts.maml.push(await scoreAdaptation(config, 'learner', learner, batch, options));
      parts.pretrained.push(await scoreAdaptation(config, 'baseline', pretrained, batch, options));
      parts.scratch.push(await scoreAdaptation(config, 'baseline', this.scratch, batch, options));
    }
    const curves = (pick: (scores: TaskScores) => Float64Array[]): CurvesByModel => {
      const join = (list: TaskScores[]): Float64Array[] =>
        Array.from({ length: config.testInnerSteps + 1 }, (_, step) =>
          Float64Array.from(list.flatMap((scores) => Array.from(pick(scores)[step]!))),
        );
      return {
        maml: summarize(join(parts.maml)),
        pretrained: summarize(join(parts.pretrained)),
        scratch: summarize(join(parts.scratch)),
      };
    };
    const losses = curves((s) => s.loss);
    return {
      steps: Array.from({ length: config.testInnerSteps + 1 }, (_, i) => i),
      tasks: count,
      lossKind: 'cross-entropy',
      accuracy: curves((s) => s.accuracy),
      compared: null,
      ...losses,
    };
  }

  /** Held-out task `index` (wrapping at evalTasks) with the learner's predictions on its queries. */
  async inspect(index: number): Promise<TaskView> {
    const { config } = this;
    const wanted = ((Math.floor(index) % config.evalTasks) + config.evalTasks) % config.evalTasks;
    let seen = 0;
    for (const batch of this.heldOutTasks(wanted + 1)) {
      if (wanted >= seen + batch.tasks) {
        seen += batch.tasks;
        continue;
      }
      const task = singleTask(batch, wanted - seen);
      const scores = await scoreAdaptation(config, 'learner', this.learner.values, task, {
        predictions: true,
      });
      const predictions = scores.predictions!;
      return {
        ways: task.ways,
        shots: task.shots,
        queries: task.queries,
        imageSize: task.imageSize,
        supportImages: task.supportImages,
        supportLabels: task.supportLabels,
        queryImages: task.queryImages,
        queryLabels: task.queryLabels,
        before: predictions[0]!,
        after: predictions[predictions.length - 1]!,
        steps: algorithmInfo(config.algorithm).adapts === 'none' ? 0 : config.testInnerSteps,
      };
    }
    throw new RangeError(`there is no held-out task ${index}`);
  }

  /**
   * Error rate on the standard 20-way one-shot runs: each run's 20 training drawings are the
   * support set, its 20 test drawings the queries. Every learner but ProtoNets needs a 20-way head
   * (ways = 20).
   */
  async scoreOneShotRuns(
    archive: OneShotRunsArchive,
  ): Promise<{ score: OneShotScore | null; problem: string | null }> {
    const { config } = this;
    const batch = oneShotRunsBatch(archive);
    if (classificationLearner(config.algorithm).head === 'ways' && batch.ways !== config.ways) {
      return {
        score: null,
        problem: `The one-shot runs are ${batch.ways}-way, but this ${algorithmInfo(config.algorithm).name} network was trained with ${config.ways} ways (one output per way): train with ways = ${batch.ways} to score them, or use ${withoutHead()}, which works for any number of classes.`,
      };
    }
    const scores = await scoreAdaptation(config, 'learner', this.learner.values, batch);
    const final = scores.accuracy[scores.accuracy.length - 1]!;
    const items = batch.ways * batch.queries;
    const runs = batch.runNames.map((name, t) => ({
      name,
      errors: Math.round((1 - final[t]!) * items),
      items,
    }));
    const rates = Float64Array.from(runs, (r) => r.errors / r.items);
    const summary = summarize([rates]);
    return {
      score: {
        runs,
        errorRate: summary.mean[0]!,
        ci95: summary.ci95[0]!,
        steps: algorithmInfo(config.algorithm).adapts === 'none' ? 0 : config.testInnerSteps,
      },
      problem: null,
    };
  }
}

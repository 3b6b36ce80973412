/**
 * What a run will cost, from its settings alone: the tensor memory of a training iteration and of
 * a held-out evaluation, the held-out data kept in plain arrays, the parameters, and the time of
 * one iteration on WASM. The forms follow what the engines do (a second-order learner keeps every
 * inner step's activations for the outer gradient; the conv learners go one task at a time on
 * WASM and CPU while the pretrained baseline takes the whole meta-batch in one pass; evaluation
 * keeps one step at a time). The coefficients are fitted to tf.profile's peak bytes and median
 * step times of the runner's trainer in Node on WASM over 46 settings on a 2-core AMD EPYC
 * machine; `npm run bench:cost` prints estimate against measurement, docs/BENCHMARKS.md the table.
 */
import type { ExperimentConfig } from '../config';
import { algorithmInfo, algorithmsOf, hasInnerLoop, type AlgorithmId } from '../learners/registry';
import { isClassification } from '../families/registry';
import { evaluationBytesPerTask, evaluationTasksPerChunk } from '../maml/evaluationMemory';
import { heldOutChunkTasks, heldOutTaskBytes } from '../trainer/classification/heldOutChunk';
import { networkSize, type NetworkSize } from './networkSize';

const BYTES_PER_FLOAT = 4;

export interface CostEstimate {
  /** Tensor bytes at the peak of one training iteration. */
  readonly stepBytes: number;
  /** Tensor bytes at the peak of a held-out evaluation (one chunk or pass at a time). */
  readonly evaluationBytes: number;
  /** Held-out tasks kept in plain arrays: all of them for regression, one chunk for images. */
  readonly heldOutBytes: number;
  /** Every model's values, Adam moments, gradient and the evaluation's copy. */
  readonly parameterBytes: number;
  /**
   * The run's peak: an iteration while a held-out evaluation holds one pass between its steps (the
   * page interleaves them), the held-out data and the parameters.
   */
  readonly totalBytes: number;
  /** One training iteration on WASM on the machine the coefficients come from. */
  readonly msPerIteration: number;
}

/** How one learner of the run trains, as far as its cost goes. */
interface LearnerCost {
  readonly tasks: number;
  readonly innerSteps: number;
  /** Differentiates through its inner steps (the outer gradient's second-order term). */
  readonly secondOrder: boolean;
}

function learnerCost(config: ExperimentConfig, id: AlgorithmId): LearnerCost {
  const info = algorithmInfo(id);
  const fixedTasks = info.regression?.kind === 'fixed tasks';
  return {
    tasks: fixedTasks ? config.mtlTasks : config.metaBatch,
    innerSteps: hasInnerLoop(id) ? config.innerSteps : 0,
    secondOrder: info.differentiatesInnerLoop && !config.firstOrder,
  };
}

/** Fitted time coefficients, ms: per layer and pass, per unit-pass, per multiply-add. */
const MS = {
  sine: { layerPass: 0.116, unitPass: 1.6e-6, multiplyAdd: 4.23e-8, lowRank: 6.5e-6, weight: 1e-4 },
  image: { layerPass: 0.77, unitPass: 2.2e-6, multiplyAdd: 7.9e-8 },
} as const;

/** Fitted memory coefficients: tensors of an activation's size alive at the peak. */
const COPIES = {
  sine: {
    secondOrder: 18.7,
    firstOrder: 18.7,
    baseline: 9.3,
    weights: 0.44,
    lowRank: 3.0,
    outer: 9.5,
  },
  image: { learner: 9.0, baseline: 4.6, weights: 2.5, evaluation: 2.94 },
} as const;

/** Passes over the data per inner step and for the outer step: forward, backward (and again). */
function passesOf(learner: LearnerCost): number {
  return (learner.innerSteps + 1) * (learner.secondOrder ? 2 : 1);
}

function sineCost(config: ExperimentConfig, net: NetworkSize, learners: readonly LearnerCost[]) {
  const support = config.shots;
  const points = config.shots + config.query;
  const activation = (tasks: number) => BYTES_PER_FLOAT * tasks * points * net.units;
  let ms = 0;
  let learnerBytes = 0;
  const time = (tasks: number, passes: number, lowRank: number) =>
    MS.sine.layerPass * net.layers * passes +
    3 *
      passes *
      tasks *
      points *
      (MS.sine.unitPass * net.units + MS.sine.multiplyAdd * net.multiplyAdds) +
    MS.sine.lowRank * lowRank;
  for (const learner of learners) {
    const { tasks, innerSteps, secondOrder } = learner;
    const lowRank = tasks * support * points * net.layers * innerSteps * (secondOrder ? 2 : 1);
    ms += time(tasks, passesOf(learner), lowRank);
    // First-order learners keep less of each step; Reptile (which steps on all points) more.
    const stepCopies = secondOrder
      ? COPIES.sine.secondOrder * innerSteps
      : COPIES.sine.firstOrder * (0.62 * innerSteps + 0.25);
    const bytes =
      activation(tasks) * Math.max(stepCopies, COPIES.sine.baseline) +
      BYTES_PER_FLOAT *
        tasks *
        innerSteps *
        (COPIES.sine.weights * net.parameters +
          COPIES.sine.lowRank * support * config.query * net.layers);
    learnerBytes = Math.max(learnerBytes, bytes);
  }
  // The pretrained baseline: one joint forward and backward over the meta-batch.
  ms += time(config.metaBatch, 1, 0);
  // Per weight, whatever the meta-batch: gradients read back, Adam in JavaScript, weight-sized
  // terms of the outer gradient (it rules a wide network with few tasks).
  ms += MS.sine.weight * net.parameters;
  const baselineBytes = activation(config.metaBatch) * COPIES.sine.baseline;
  const evaluationPoints = config.shots + config.evalQuery;
  const widths = net.widths!;
  const chunk = Math.min(config.evalTasks, evaluationTasksPerChunk(widths, evaluationPoints));
  return {
    ms,
    stepBytes:
      Math.max(learnerBytes, baselineBytes) + BYTES_PER_FLOAT * COPIES.sine.outer * net.parameters,
    evaluationBytes: chunk * evaluationBytesPerTask(widths, evaluationPoints),
    // Support and query inputs and targets of every held-out task, built once.
    heldOutBytes: BYTES_PER_FLOAT * config.evalTasks * evaluationPoints * (widths[0]! + 1),
  };
}

function imageCost(config: ExperimentConfig, net: NetworkSize, learners: readonly LearnerCost[]) {
  const { ways, shots, query } = config;
  const perImage = MS.image.unitPass * net.units + MS.image.multiplyAdd * net.multiplyAdds;
  const imageBytes = BYTES_PER_FLOAT * net.units;
  let ms = 0;
  let learnerBytes = 0;
  for (const learner of learners) {
    const { tasks, innerSteps, secondOrder } = learner;
    const order = secondOrder ? 2 : 1;
    // Support images pass once per inner step, queries once; without inner steps, both once.
    const images = innerSteps > 0 ? ways * (shots * innerSteps + query) : ways * (shots + query);
    ms += MS.image.layerPass * net.layers * tasks * passesOf(learner);
    ms += 3 * order * tasks * images * perImage;
    // On WASM and CPU a learner differentiates one task at a time; the outer gradient keeps each
    // inner step's support activations (twice over at second order), the queries' once.
    const kept = innerSteps > 0 ? ways * (shots * innerSteps * order + query) : images;
    learnerBytes = Math.max(learnerBytes, COPIES.image.learner * kept * imageBytes);
  }
  const batchImages = config.metaBatch * ways * (shots + query);
  ms += MS.image.layerPass * net.layers + 3 * batchImages * perImage;
  const weights = BYTES_PER_FLOAT * COPIES.image.weights * config.metaBatch * net.parameters;
  const evaluationImages = ways * (shots + config.evalQuery);
  const shape = { ways, shots, queries: config.evalQuery, imageSize: config.imageSize };
  const chunk = Math.min(config.evalTasks, heldOutChunkTasks(shape));
  return {
    ms,
    stepBytes: Math.max(learnerBytes, COPIES.image.baseline * batchImages * imageBytes) + weights,
    evaluationBytes: COPIES.image.evaluation * evaluationImages * imageBytes,
    heldOutBytes: chunk * heldOutTaskBytes(shape),
  };
}

export function estimateCost(config: ExperimentConfig): CostEstimate {
  const net = networkSize(config);
  const learners = algorithmsOf(config).map((id) => learnerCost(config, id));
  const cost = isClassification(config)
    ? imageCost(config, net, learners)
    : sineCost(config, net, learners);
  // Learners with learned rates hold two values per weight; counted as one, the difference is small.
  const models = learners.length + 2;
  const parameterBytes = BYTES_PER_FLOAT * 5 * models * net.parameters;
  return {
    stepBytes: cost.stepBytes,
    evaluationBytes: cost.evaluationBytes,
    heldOutBytes: cost.heldOutBytes,
    parameterBytes,
    totalBytes: cost.stepBytes + cost.evaluationBytes + cost.heldOutBytes + parameterBytes,
    msPerIteration: cost.ms,
  };
}

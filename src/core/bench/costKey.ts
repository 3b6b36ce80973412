/**
 * What a backend measurement depends on: the kind of network and roughly how much arithmetic one
 * meta-iteration does. Which backend is fastest changes with both (kernel-launch overhead rules
 * small models, arithmetic large ones), not with learning rates, seeds or run lengths, so a
 * measurement is kept under a key made of the two and repeated only when the model changes
 * materially.
 */
import type { ExperimentConfig } from '../config';
import { CONV_BLOCKS } from '../trainer/classification/specs';
import { algorithmInfo, hasInnerLoop } from '../learners/registry';
import { TASK_IDS, familyOfTask, isClassification } from '../families/registry';

/** The network family a measurement was made on. */
export type NetworkKind = 'sine-mlp' | 'image-conv' | 'image-mlp';

export function networkKind(config: ExperimentConfig): NetworkKind {
  if (!isClassification(config)) return 'sine-mlp';
  return config.network === 'conv' ? 'image-conv' : 'image-mlp';
}

/** Multiply-adds of a dense network with these layer widths, for one input. */
function denseWork(widths: readonly number[]): number {
  let work = 0;
  for (let layer = 1; layer < widths.length; layer++) work += widths[layer - 1]! * widths[layer]!;
  return work;
}

/** Multiply-adds of one forward pass of the network on one input (a point or an image). */
export function forwardWork(config: ExperimentConfig): number {
  const kind = networkKind(config);
  if (kind === 'sine-mlp') return denseWork([1, ...config.hidden, 1]);
  if (kind === 'image-mlp')
    return denseWork([config.imageSize ** 2, ...config.hidden, config.ways]);
  // 3x3 stride-2 convolutions, each halving the image (rounding up), then a linear head.
  let size = config.imageSize;
  let channels = 1;
  let work = 0;
  for (let block = 0; block < CONV_BLOCKS; block++) {
    size = Math.ceil(size / 2);
    work += size * size * 9 * channels * config.filters;
    channels = config.filters;
  }
  return work + size * size * channels * config.ways;
}

/**
 * Forward-pass equivalents of one task's share of an iteration for one algorithm: a backward pass
 * costs about two forwards, each inner step one forward and backward, and differentiating through
 * the inner steps (second order) about doubles the lot.
 */
function passesPerTask(config: ExperimentConfig, algorithm: ExperimentConfig['algorithm']): number {
  if (!hasInnerLoop(algorithm)) return 3;
  const innerThenOuter = 3 * (config.innerSteps + 1);
  const secondOrder = algorithmInfo(algorithm).differentiatesInnerLoop && !config.firstOrder;
  return secondOrder ? 2 * innerThenOuter : innerThenOuter;
}

/** Inputs one task feeds through the network: its points, or its images. */
function inputsPerTask(config: ExperimentConfig): number {
  const perClass = config.shots + config.query;
  return isClassification(config) ? config.ways * perClass : perClass;
}

/**
 * A rough count of the multiply-adds in one meta-iteration: the learner (each compared algorithm,
 * in a comparison) and the jointly trained baseline beside it. Only its order of magnitude matters.
 */
export function workPerIteration(config: ExperimentConfig): number {
  const algorithms = config.compare.length > 0 ? config.compare : [config.algorithm];
  const perInput = forwardWork(config);
  const inputs = inputsPerTask(config);
  let passes = 0;
  for (const algorithm of algorithms) {
    const fixedTasks = algorithmInfo(algorithm).regression?.kind === 'fixed tasks';
    const tasks = fixedTasks ? config.mtlTasks : config.metaBatch;
    // The pretrained baseline trains on the same inputs: one forward and backward.
    passes += tasks * (passesPerTask(config, algorithm) + 3);
  }
  return passes * inputs * perInput;
}

/** Work within a factor of four shares a bucket: a material change of size moves it. */
const BUCKET_BASE = 4;

export function workBucket(work: number): number {
  return Math.round(Math.log(Math.max(1, work)) / Math.log(BUCKET_BASE));
}

/** The key a backend measurement of this experiment is kept under, e.g. "image-conv/13". */
export function costKey(config: ExperimentConfig): string {
  const timed = timedConfig(config).config;
  return `${networkKind(timed)}/${workBucket(workPerIteration(timed))}`;
}

/**
 * The experiment a backend measurement times: the config itself, or the stand-in its task family
 * names when a throwaway measurement cannot have its data (Omniglot needs the user's images).
 */
export function timedConfig(config: ExperimentConfig): {
  readonly config: ExperimentConfig;
  readonly note: string | null;
} {
  const family = familyOfTask(config);
  const stand = family.kind === 'classification' ? family.timedAs : undefined;
  if (!stand) return { config, note: null };
  const task = TASK_IDS.find((id) => id === stand.task)!;
  return { config: { ...config, task }, note: stand.note };
}

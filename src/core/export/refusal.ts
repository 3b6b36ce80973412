/**
 * What the PyTorch export cannot honour. The script runs exactly the experiment of the settings or
 * is not written: a setting it would have to ignore is refused with the reason, never dropped.
 */
import type { ExperimentConfig } from '../config';
import { familyOfTask, isClassification, needsUserData } from '../families/registry';

/** The task families the script draws, by the playground's ids. */
export const EXPORTED_TASKS: readonly string[] = ['sinusoid', 'omniglot'];

/** The learners the script implements, by the playground's ids. */
export const EXPORTED_ALGORITHMS = [
  'maml',
  'fomaml',
  'metasgd',
  'anil',
  'reptile',
  'protonet',
] as const;

/** The learners that need images: prototypical networks label by class means. */
const IMAGE_ONLY_ALGORITHMS: readonly string[] = ['protonet'];

export type ExportedAlgorithm = (typeof EXPORTED_ALGORITHMS)[number];

export function isExportedAlgorithm(id: string): id is ExportedAlgorithm {
  return (EXPORTED_ALGORITHMS as readonly string[]).includes(id);
}

/** Why these settings cannot be exported, in one sentence, or null when they can. */
export function exportRefusal(config: ExperimentConfig): string | null {
  if (!EXPORTED_TASKS.includes(config.task)) {
    const family = familyOfTask(config).name;
    // The built-in glyphs come from the playground's own generator, which the script leaves out.
    const why =
      isClassification(config) && !needsUserData(config)
        ? ` (${family} are drawn by the playground’s own generator, which the script does not reproduce: use task=omniglot with your Omniglot zips)`
        : ` (${family})`;
    return `The PyTorch export covers sine waves (task=sinusoid) and Omniglot (task=omniglot); task=${config.task}${why} is not exported.`;
  }
  if (!isExportedAlgorithm(config.algorithm)) {
    return `The PyTorch export has MAML, first-order MAML, Meta-SGD, ANIL, Reptile and prototypical networks (${EXPORTED_ALGORITHMS.join(', ')}); algorithm=${config.algorithm} is not exported.`;
  }
  if (IMAGE_ONLY_ALGORITHMS.includes(config.algorithm) && !isClassification(config)) {
    return `Prototypical networks label images by their nearest class mean, so the script runs them on image tasks only; task=${config.task} is not one.`;
  }
  if (config.compare.length > 0) {
    return `A comparison (compare=${config.compare.join(',')}) trains several learners side by side, which the script does not: clear compare and export each learner on its own.`;
  }
  if (config.seeds > 1) {
    return `The script runs one seed; this experiment has seeds=${config.seeds}: set seeds=1 and export once per seed.`;
  }
  return null;
}

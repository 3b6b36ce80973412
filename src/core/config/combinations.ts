/**
 * Rules between settings. Each setting can be valid on its own while the pair makes no sense
 * (prototypical networks on a regression task, say); like a bad value, such a pair is reported
 * and replaced, never trusted.
 */
import {
  ALGORITHM_IDS,
  algorithmInfo,
  familiesOf,
  familyOf,
  servesFamily,
  type TaskFamily,
} from '../learners/registry';
import { formatValue } from './serialize';
import type { ExperimentConfig } from './schema';

/** Omniglot has 20 drawings of every character, shared between support and query images. */
export const OMNIGLOT_DRAWINGS = 20;

/** How a link asks for each task family. */
const FAMILY_TASKS: Readonly<Record<TaskFamily, string>> = {
  regression: 'task=sinusoid',
  classification: 'a classification task (task=glyphs or omniglot)',
};

export interface CombinationProblem {
  readonly setting: string;
  readonly given: string;
  readonly allowed: string;
  readonly issue: string;
  readonly outcome: string;
}

export function isClassification(config: Pick<ExperimentConfig, 'task'>): boolean {
  return config.task !== 'sinusoid';
}

/** The config with every clashing pair resolved, and what was changed. */
export function checkCombinations(config: ExperimentConfig): {
  config: ExperimentConfig;
  problems: CombinationProblem[];
} {
  const problems: CombinationProblem[] = [];
  let fixed: ExperimentConfig = config;
  const change = <K extends keyof ExperimentConfig>(
    key: K,
    value: ExperimentConfig[K],
    allowed: string,
    issue: string,
  ): void => {
    problems.push({
      setting: key,
      given: formatValue(fixed[key]),
      allowed,
      issue,
      outcome: `using ${formatValue(value)}`,
    });
    fixed = Object.freeze({ ...fixed, [key]: value });
  };
  const family = familyOf(fixed);
  if (!servesFamily(fixed.algorithm, family)) {
    const fallback = ALGORITHM_IDS.find((id) => servesFamily(id, family))!;
    const served = familiesOf(fixed.algorithm).join(' or ');
    change(
      'algorithm',
      fallback,
      `${fallback} when task is ${fixed.task}`,
      `algorithm=${fixed.algorithm} (${algorithmInfo(fixed.algorithm).name}) runs on ${served} tasks only, so it needs ${FAMILY_TASKS[familiesOf(fixed.algorithm)[0]!]}`,
    );
  }
  const unfit = fixed.compare.filter((id) => !servesFamily(id, family));
  if (unfit.length > 0) {
    const kept = fixed.compare.filter((id) => servesFamily(id, family));
    change(
      'compare',
      kept,
      `algorithms for ${family}`,
      unfit.map((id) => `${algorithmInfo(id).name} cannot run on ${fixed.task} tasks`).join('; '),
    );
  }
  if (fixed.task === 'omniglot') {
    if (fixed.shots >= OMNIGLOT_DRAWINGS) {
      change(
        'shots',
        1,
        `at most ${OMNIGLOT_DRAWINGS - 1} for omniglot`,
        `shots=${fixed.shots} leaves no query image: Omniglot has ${OMNIGLOT_DRAWINGS} drawings of each character`,
      );
    }
    if (fixed.shots + fixed.query > OMNIGLOT_DRAWINGS) {
      change(
        'query',
        OMNIGLOT_DRAWINGS - fixed.shots,
        `at most ${OMNIGLOT_DRAWINGS - fixed.shots} with shots=${fixed.shots} for omniglot`,
        `shots + query = ${fixed.shots + fixed.query} is more than the ${OMNIGLOT_DRAWINGS} drawings Omniglot has of each character`,
      );
    }
  }
  return { config: fixed, problems };
}

/**
 * Rules between settings. Each setting can be valid on its own while the pair makes no sense
 * (prototypical networks on a regression task, say); like a bad value, such a pair is reported
 * and replaced, never trusted.
 */
import { ALGORITHM_IDS, algorithmInfo, familiesOf, servesFamily } from '../learners/registry';
import { formatValue } from './serialize';
import { TASK_FAMILIES, familyOfTask } from '../families/registry';
import type { SettingChange, TaskKind } from '../families/contract';
import type { ExperimentConfig } from './schema';

/** How a link asks for each task family. */
function familyTasks(kind: TaskKind): string {
  const ids = TASK_FAMILIES.filter((family) => family.kind === kind).map((family) => family.id);
  return `task=${ids.join(' or ')}`;
}

export interface CombinationProblem {
  readonly setting: string;
  readonly given: string;
  readonly allowed: string;
  readonly issue: string;
  readonly outcome: string;
}

/** The config with every clashing pair resolved, and what was changed. */
export function checkCombinations(config: ExperimentConfig): {
  config: ExperimentConfig;
  problems: CombinationProblem[];
} {
  const problems: CombinationProblem[] = [];
  let fixed: ExperimentConfig = config;
  const change: SettingChange = (key, value, allowed, issue) => {
    problems.push({
      setting: key,
      given: formatValue(fixed[key]),
      allowed,
      issue,
      outcome: `using ${formatValue(value)}`,
    });
    fixed = Object.freeze({ ...fixed, [key]: value });
  };
  const family = familyOfTask(fixed).kind;
  if (!servesFamily(fixed.algorithm, family)) {
    const fallback = ALGORITHM_IDS.find((id) => servesFamily(id, family))!;
    const served = familiesOf(fixed.algorithm).join(' or ');
    change(
      'algorithm',
      fallback,
      `${fallback} when task is ${fixed.task}`,
      `algorithm=${fixed.algorithm} (${algorithmInfo(fixed.algorithm).name}) runs on ${served} tasks only, so it needs ${familyTasks(familiesOf(fixed.algorithm)[0]!)}`,
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
  familyOfTask(fixed).fixSettings?.(() => fixed, change);
  return { config: fixed, problems };
}

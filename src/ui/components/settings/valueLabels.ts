/**
 * How a setting's choices read on the page. Algorithms go by their names (the link keeps the short
 * ids); an algorithm that cannot run on the chosen task family is offered but disabled, with why.
 */
import { familyOfTask } from '../../../core/families/registry';
import { algorithmInfo, servesFamily, type AlgorithmId } from '../../../core/learners/registry';
import { ALGORITHMS, type ExperimentConfig, type SettingSpec } from '../../../core/config';

const FAMILY_NAMES = { regression: 'sine waves', classification: 'images' } as const;

function isAlgorithm(value: string): value is AlgorithmId {
  return (ALGORITHMS as readonly string[]).includes(value);
}

/** Whether the setting's values are algorithm ids. */
function namesAlgorithms(spec: SettingSpec): boolean {
  return spec.key === 'algorithm' || spec.key === 'compare';
}

/** The text shown for one value of an enum or enum-list setting. */
export function valueLabel(spec: SettingSpec, value: string): string {
  return namesAlgorithms(spec) && isAlgorithm(value) ? algorithmInfo(value).name : value;
}

/** Why the value cannot be chosen with these settings, or null when it can. */
export function unavailableReason(
  spec: SettingSpec,
  value: string,
  config: Pick<ExperimentConfig, 'task'>,
): string | null {
  if (!namesAlgorithms(spec) || !isAlgorithm(value)) return null;
  const family = familyOfTask(config).kind;
  if (servesFamily(value, family)) return null;
  const other = family === 'regression' ? 'classification' : 'regression';
  return `${FAMILY_NAMES[other]} only`;
}

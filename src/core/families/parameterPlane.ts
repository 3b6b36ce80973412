/** Which runs can be drawn whole on a plane (asked of the registry, not of a family's id). */
import type { ExperimentConfig } from '../config/schema';
import { familyOfTask } from './registry';

/** Whether a run's network has exactly two parameters, w and b: one input and no hidden layer. */
export function hasParameterPlane(config: Pick<ExperimentConfig, 'task' | 'hidden'>): boolean {
  const family = familyOfTask(config);
  return family.kind === 'regression' && family.inputs === 1 && config.hidden.length === 0;
}

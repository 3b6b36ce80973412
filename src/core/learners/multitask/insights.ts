/** What a multi-task model shows of itself: how its tasks' gradients agree, and its learned sigmas. */
import type { TaskRelations, TaskUncertainty } from '../../results/types';
import type { Sharing } from './layout';
import type { TrainingTask } from './trainingTasks';

export const taskLabel = (m: number): string => `task ${m + 1}`;

export function taskRelations(
  sharing: Sharing,
  tasks: readonly TrainingTask[],
  cosine: number[][],
): TaskRelations {
  const basis =
    sharing === 'hard'
      ? "Each training task's gradient of its own loss with respect to the shared trunk, on the latest iteration's points."
      : "Each training task's gradient of its own loss with respect to its own network, on the latest iteration's points.";
  return {
    basis,
    labels: tasks.map((_, m) => taskLabel(m)),
    cosine,
    details: tasks.map((task) => [
      { name: 'amplitude', value: task.amplitude.toFixed(2) },
      { name: 'phase', value: task.phase.toFixed(2) },
      { name: 'noise', value: task.noise.toFixed(2) },
    ]),
  };
}

/** sigma_m = exp(s_m / 2) and the weight exp(-s_m) / 2 its loss gets, beside the true noise. */
export function taskUncertainties(
  tasks: readonly TrainingTask[],
  logVariance: ArrayLike<number>,
): TaskUncertainty[] {
  return tasks.map((task, m) => {
    const s = logVariance[m]!;
    return {
      label: taskLabel(m),
      sigma: Math.exp(s / 2),
      noise: task.noise,
      weight: Math.exp(-s) / 2,
    };
  });
}

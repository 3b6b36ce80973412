/**
 * The fixed training tasks of multi-task learning on sinusoids, and the points drawn from them.
 *
 * M tasks are drawn once from the seed's 'multitask' stream, amplitude and phase as in the MAML
 * distribution (tasks/sinusoid.ts). Task m (0-based) has label noise of standard deviation
 * taskNoise * m / (M - 1): the first task is clean, the last is the noisiest, the rest evenly
 * between. Every iteration draws fresh points for every task, so the model never sees a point twice
 * and the noise only makes a task's gradient less trustworthy, never its optimum different.
 */
import { createRng, type Rng } from '../../random/rng';
import { SINUSOID, sinusoidValue } from '../../tasks/sinusoid';

export interface TrainingTask {
  readonly amplitude: number;
  readonly phase: number;
  /** Standard deviation of the Gaussian noise added to this task's targets. */
  readonly noise: number;
}

/** The M training tasks of a seed; the same for every run with that seed, M and taskNoise. */
export function drawTrainingTasks(seed: number, count: number, taskNoise: number): TrainingTask[] {
  const rng = createRng(seed, 'multitask');
  return Array.from({ length: count }, (_, m) => {
    const amplitude = rng.uniform(SINUSOID.amplitude[0], SINUSOID.amplitude[1]);
    const phase = rng.uniform(SINUSOID.phase[0], SINUSOID.phase[1]);
    return { amplitude, phase, noise: count > 1 ? (taskNoise * m) / (count - 1) : 0 };
  });
}

/**
 * Points of every task, task-major: task m's rows are m * perTask .. (m + 1) * perTask - 1, the
 * first `shots` of them support points and the last `query` query points.
 */
export interface TaskPoints {
  readonly tasks: number;
  readonly shots: number;
  readonly query: number;
  readonly x: Float32Array;
  /** Noisy targets: the sinusoid plus the task's noise. */
  readonly y: Float32Array;
}

/** Fresh points for every task: x uniform in the input range, y with the task's label noise. */
export function samplePoints(
  rng: Rng,
  tasks: readonly TrainingTask[],
  shots: number,
  query: number,
): TaskPoints {
  const perTask = shots + query;
  const x = new Float32Array(tasks.length * perTask);
  const y = new Float32Array(tasks.length * perTask);
  tasks.forEach((task, m) => {
    for (let i = m * perTask; i < (m + 1) * perTask; i++) {
      x[i] = rng.uniform(SINUSOID.input[0], SINUSOID.input[1]);
      y[i] = sinusoidValue(task.amplitude, task.phase, x[i]!) + task.noise * rng.normal();
    }
  });
  return { tasks: tasks.length, shots, query, x, y };
}

/**
 * `count` evenly spaced inputs over the whole input range for every task, with noise-free targets:
 * how well the model learned each task's true function.
 */
export function cleanPoints(tasks: readonly TrainingTask[], count: number): TaskPoints {
  const [low, high] = SINUSOID.input;
  const x = new Float32Array(tasks.length * count);
  const y = new Float32Array(tasks.length * count);
  tasks.forEach((task, m) => {
    for (let i = 0; i < count; i++) {
      const at = count > 1 ? low + ((high - low) * i) / (count - 1) : (low + high) / 2;
      x[m * count + i] = at;
      y[m * count + i] = sinusoidValue(task.amplitude, task.phase, at);
    }
  });
  return { tasks: tasks.length, shots: 0, query: count, x, y };
}

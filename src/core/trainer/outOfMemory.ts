/**
 * Telling a run that ran out of memory from one that failed otherwise, and naming the settings
 * to reduce. TensorFlow.js does not say "out of memory" in so many words: WASM's XNNPACK answers
 * "XNN status 6" (out of memory), a typed array too large for the engine is a RangeError, the
 * WASM heap hitting its 4 GiB ceiling aborts the module or reads out of bounds, and WebGL and
 * WebGPU fail to allocate a texture or buffer. A lost WebGL context is not counted: a GPU reset
 * or a sleeping laptop looks the same, and the run goes on elsewhere from its last state.
 */
import { DEFAULT_CONFIG, type ExperimentConfig } from '../config';
import { isClassification } from '../families/registry';

const OUT_OF_MEMORY_SIGNS: readonly RegExp[] = [
  /out of memory/i,
  /\bXNN status 6\b/,
  /invalid typed array length/i,
  /array buffer allocation failed/i,
  /memory access out of bounds/i,
  /\bAborted\(/,
  /cannot enlarge memory/i,
  /failed to (?:create|allocate) (?:a )?(?:texture|buffer)/i,
];

/** Whether `error` is the engine running out of memory, as far as its message tells. */
export function isOutOfMemory(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return OUT_OF_MEMORY_SIGNS.some((sign) => sign.test(text));
}

/** Settings whose size drives memory, each for the tasks it applies to. */
export const SIZE_SETTINGS: readonly {
  key: keyof ExperimentConfig;
  applies: (config: ExperimentConfig) => boolean;
}[] = [
  { key: 'metaBatch', applies: () => true },
  { key: 'shots', applies: () => true },
  { key: 'query', applies: () => true },
  { key: 'innerSteps', applies: () => true },
  { key: 'evalTasks', applies: () => true },
  { key: 'evalQuery', applies: () => true },
  { key: 'hidden', applies: (config) => !isClassification(config) || config.network === 'mlp' },
  { key: 'ways', applies: isClassification },
  { key: 'filters', applies: (config) => isClassification(config) && config.network === 'conv' },
  { key: 'imageSize', applies: isClassification },
];

/** A setting's size: a number, or the product of a list (hidden layers' units). */
function sizeOf(value: unknown): number {
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) {
    return (value as readonly number[]).reduce((a, b) => a * Math.max(b, 1), 1);
  }
  return NaN;
}

/** A setting's value as a link writes it: "256", "40,40". */
export function shownValue(value: unknown): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}

/**
 * The settings above their defaults, largest ratio first ("metaBatch=256 (default 25)"); the
 * ones that apply to the run's task. Empty when every size is at or below its default.
 */
export function settingsToReduce(config: ExperimentConfig): string[] {
  const above: { text: string; ratio: number }[] = [];
  for (const { key, applies } of SIZE_SETTINGS) {
    if (!applies(config)) continue;
    const value = config[key];
    const fallback = DEFAULT_CONFIG[key];
    const ratio = sizeOf(value) / sizeOf(fallback);
    if (!(ratio > 1)) continue;
    above.push({ text: `${key}=${shownValue(value)} (default ${shownValue(fallback)})`, ratio });
  }
  return above.sort((a, b) => b.ratio - a.ratio).map((entry) => entry.text);
}

/** The first line of an engine's message, at most 200 characters. */
export function firstLine(text: string): string {
  const first = text.split('\n')[0]!.trim();
  return first.length > 200 ? `${first.slice(0, 200)}...` : first;
}

/**
 * `outOfMemoryMessage` followed by the engine's own words, for the runner's output and the
 * page's alert alike.
 */
export function describeOutOfMemory(
  config: ExperimentConfig,
  iteration: number,
  backend: string,
  error: unknown,
  what = `Out of memory at iteration ${iteration + 1}`,
): string {
  const reason = error instanceof Error ? error.message : String(error);
  return `${outOfMemoryMessage(config, iteration, backend, what)} (${firstLine(reason)})`;
}

/**
 * One line for a run that ran out of memory at `iteration` (counted from 0) on `backend`, naming
 * what to reduce; `what` says where, when it was not a training step.
 */
export function outOfMemoryMessage(
  config: ExperimentConfig,
  iteration: number,
  backend: string,
  what = `Out of memory at iteration ${iteration + 1}`,
): string {
  const reduce = settingsToReduce(config);
  return (
    `${what}: these settings need more memory than the ` +
    `${backend} backend could get. ` +
    (reduce.length > 0
      ? `Reduce ${reduce.join(', ')}.`
      : 'Every size setting is at or below its default: try another backend.')
  );
}

/**
 * The budget a run must fit before the page or the runner starts it, and what to say when it
 * does not. Memory: 2 GB at the estimated peak, about half of the 4 GiB a WASM heap can reach (a
 * heap never shrinks, and fragments); the default glyph settings' 1.4 GB fit. Time: a minute per
 * iteration, past which a run shows nothing for too long to be watched. Past either, the page
 * asks for "Start anyway" and the runner for --force.
 */
import { DEFAULT_CONFIG, type ExperimentConfig } from '../config';
import { SIZE_SETTINGS, shownValue } from '../trainer/outOfMemory';
import { estimateCost, type CostEstimate } from './costModel';

export const COST_BUDGET = { bytes: 2e9, msPerIteration: 60_000 } as const;

/** "37 MB", "1.4 GB": decimal units, two significant figures at most. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const shown = value >= 10 || unit === 0 ? Math.round(value) : Number(value.toPrecision(2));
  return `${shown} ${units[unit]}`;
}

/** "4 ms", "0.8 s", "3.2 min". */
export function roughDuration(ms: number): string {
  if (ms < 1) return '< 1 ms';
  if (ms < 1000) return `${Number(ms.toPrecision(2))} ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toPrecision(2))} s`;
  if (ms < 3_600_000) return `${Number((ms / 60_000).toPrecision(2))} min`;
  return `${Number((ms / 3_600_000).toPrecision(2))} h`;
}

/** "about 37 MB, about 4 ms per iteration on WASM": what a run will take, in a few words. */
export function describeCost(estimate: CostEstimate): string {
  return `about ${formatBytes(estimate.totalBytes)}, about ${roughDuration(estimate.msPerIteration)} per iteration on WASM`;
}

/** A size setting lowered to its default, and the estimate it would give. */
export interface Reduction {
  /** "metaBatch=256 (default 25)". */
  readonly setting: string;
  readonly estimate: CostEstimate;
}

export interface BudgetVerdict {
  readonly estimate: CostEstimate;
  /** What is over the budget, one sentence each; empty when the run fits. */
  readonly over: readonly string[];
  /** Size settings above their defaults, the one that helps most first. */
  readonly reductions: readonly Reduction[];
}

function overOf(estimate: CostEstimate): string[] {
  const over: string[] = [];
  if (estimate.totalBytes > COST_BUDGET.bytes) {
    over.push(
      `It would need about ${formatBytes(estimate.totalBytes)} of memory, over the limit of ${formatBytes(COST_BUDGET.bytes)}.`,
    );
  }
  if (estimate.msPerIteration > COST_BUDGET.msPerIteration) {
    over.push(
      `An iteration would take about ${roughDuration(estimate.msPerIteration)} on WASM, over the limit of ${roughDuration(COST_BUDGET.msPerIteration)}.`,
    );
  }
  return over;
}

/** How far past the budget an estimate is: the larger of its two ratios. */
function overshoot(estimate: CostEstimate): number {
  return Math.max(
    estimate.totalBytes / COST_BUDGET.bytes,
    estimate.msPerIteration / COST_BUDGET.msPerIteration,
  );
}

/** Whether the run fits the budget, and if not, why and which settings to lower. */
export function checkBudget(config: ExperimentConfig): BudgetVerdict {
  const estimate = estimateCost(config);
  const over = overOf(estimate);
  if (over.length === 0) return { estimate, over, reductions: [] };
  const reductions: Reduction[] = [];
  for (const { key, applies } of SIZE_SETTINGS) {
    if (!applies(config)) continue;
    const lowered = { ...config, [key]: DEFAULT_CONFIG[key] };
    const reduced = estimateCost(lowered);
    if (overshoot(reduced) >= overshoot(estimate)) continue;
    const setting = `${key}=${shownValue(config[key])} (default ${shownValue(DEFAULT_CONFIG[key])})`;
    reductions.push({ setting, estimate: reduced });
  }
  reductions.sort((a, b) => overshoot(a.estimate) - overshoot(b.estimate));
  return { estimate, over, reductions };
}

export function exceedsBudget(config: ExperimentConfig): boolean {
  return checkBudget(config).over.length > 0;
}

/** "lower metaBatch=256 (default 25): about 1.1 GB, about 2 s per iteration on WASM", ... */
export function reductionLines(verdict: BudgetVerdict): string[] {
  return verdict.reductions.map(
    (reduction) => `${reduction.setting}: then ${describeCost(reduction.estimate)}`,
  );
}

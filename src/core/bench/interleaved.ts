/**
 * Times several pieces of work in turn, round after round, so a machine whose load changes while
 * it runs slows them all alike and their ratio stays fair. Each gets at least MIN_WARM_UP
 * unmeasured rounds first: a fresh process needs about 50 iterations before its time settles.
 */
import { spreadOf, type Spread } from './spread';

export const MIN_WARM_UP = 50;

export interface InterleavedBudget {
  /** Rounds measured at most. */
  readonly iterations: number;
  /** Unmeasured rounds first; never fewer than MIN_WARM_UP. */
  readonly warmUp?: number;
  /** Stop measuring after this long in all (at least three rounds are always measured). */
  readonly seconds: number;
  /** A clock in milliseconds (performance.now where there is one). */
  readonly now: () => number;
  /** Called once between the warm-up and the measured rounds. */
  readonly afterWarmUp?: () => void;
}

/** Each runner's times in milliseconds, one per measured round, in the runners' order. */
export async function timeInterleaved(
  runners: readonly (() => Promise<unknown>)[],
  budget: InterleavedBudget,
): Promise<number[][]> {
  const warmUp = Math.max(MIN_WARM_UP, budget.warmUp ?? 0);
  for (let round = 0; round < warmUp; round++) {
    for (const run of runners) await run();
  }
  budget.afterWarmUp?.();
  const times = runners.map((): number[] => []);
  const deadline = budget.now() + budget.seconds * 1000;
  let rounds = 0;
  while (rounds < budget.iterations && (rounds < 3 || budget.now() < deadline)) {
    for (const [i, run] of runners.entries()) {
      const started = budget.now();
      await run();
      times[i]!.push(budget.now() - started);
    }
    rounds += 1;
  }
  return times;
}

/** The median and interquartile range of each runner's times. */
export async function spreadsInterleaved(
  runners: readonly (() => Promise<unknown>)[],
  budget: InterleavedBudget,
): Promise<Spread[]> {
  return (await timeInterleaved(runners, budget)).map(spreadOf);
}

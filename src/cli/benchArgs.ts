/** What the benchmark scripts' options share. */
import os from 'node:os';
import { type InterleavedBudget, MIN_WARM_UP } from '../core/bench/interleaved';
import { formatSpread, spreadOf } from '../core/bench/spread';
import { NODE_BACKENDS, type NodeBackend } from './args';

/** A positive finite number written as `value`, or null. */
export function positiveNumber(value: string): number | null {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** The machine's load average over 1, 5 and 15 minutes: a busy machine's timings are upper bounds. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(', ');
}

/** The options every interleaved benchmark takes. */
export interface TimingOptions {
  backend: NodeBackend;
  iterations: number;
  seconds: number;
  warmUp: number;
}

export function defaultTimingOptions(): TimingOptions {
  return { backend: 'wasm', iterations: 100, seconds: 60, warmUp: MIN_WARM_UP };
}

/** Reads --iterations, --seconds, --warm-up or --backend into `options`; false for other flags. */
export function readTimingFlag(options: TimingOptions, flag: string, value: string): boolean {
  const positive = positiveNumber(value);
  if (flag === '--iterations' && positive !== null) options.iterations = Math.round(positive);
  else if (flag === '--seconds' && positive !== null) options.seconds = positive;
  else if (flag === '--warm-up' && positive !== null)
    options.warmUp = Math.max(MIN_WARM_UP, Math.round(positive));
  else if (flag === '--backend' && (NODE_BACKENDS as readonly string[]).includes(value))
    options.backend = value as NodeBackend;
  else return false;
  return true;
}

/** Prints each method's median and IQR, and the first method's median over each other's. */
export function reportMethods(title: string, methods: readonly string[], times: number[][]): void {
  process.stdout.write(`\n${title}\n`);
  const spreads = times.map(spreadOf);
  const width = Math.max(...methods.map((m) => m.length)) + 1;
  spreads.forEach((spread, i) => {
    const ratio = spreads[0]!.median / spread.median;
    process.stdout.write(
      `  ${methods[i]!.padEnd(width)} ${formatSpread(spread, 2)} ms` +
        (i === 0 ? '' : `   ${methods[0]} / this: ${ratio.toFixed(2)}x`) +
        '\n',
    );
  });
}

/** The interleaved timer's budget for these options, on the performance clock. */
export function budgetOf(options: TimingOptions): InterleavedBudget {
  return {
    iterations: options.iterations,
    warmUp: options.warmUp,
    seconds: options.seconds,
    now: () => performance.now(),
  };
}

/** The first lines a benchmark prints: what it runs on, its budget and the load at the start. */
export function timingHeader(backend: string, options: TimingOptions, note = ''): string {
  return (
    `Backend ${backend}${note}; warm-up ${options.warmUp} rounds, then at most ` +
    `${options.iterations} rounds or ${options.seconds} s per part.\n` +
    `Load average at start (1, 5, 15 min): ${loadAverage()}\n`
  );
}

/**
 * Runs a benchmark's work, then prints the load average at the end; a failure is one line on
 * stderr and exit code 1.
 */
export function runBenchmark(work: () => Promise<void>): void {
  work().then(
    () => {
      process.stdout.write(`\nLoad average at end (1, 5, 15 min): ${loadAverage()}\n`);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}

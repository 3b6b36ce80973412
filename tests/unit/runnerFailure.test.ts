/**
 * A run over the cost budget is refused from its settings, exit code 2, unless --force. With
 * --force, a run that runs out of memory ends with one line that says so and names the settings to
 * reduce, exit code 4, no stack trace, and the results so far written to --out with the failure
 * described. Real settings that exhaust the WASM heap (4 GiB), not a simulated error: about 20 s
 * and 4 GB of memory here.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseResults } from '../../src/core/results/resultsFile';
import { runCli } from '../helpers/runCli';

const dir = mkdtempSync(join(tmpdir(), 'runner-failure-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Settings each allowed but together far past the WASM heap (about 22 GB estimated). */
const HUGE = [
  '--set',
  'hidden=1024',
  '--set',
  'metaBatch=256',
  '--set',
  'shots=100',
  '--set',
  'query=1000',
  '--set',
  'iterations=3',
  '--set',
  'evalTasks=10',
];

describe('a run over the budget', () => {
  it('is refused before anything is built, naming the settings to lower, with exit 2', () => {
    const out = join(dir, 'refused.json');
    const run = runCli([...HUGE, '--out', out]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Estimated cost: about \d+ GB/);
    expect(run.stderr).toMatch(/over the limit of 2 GB/);
    expect(run.stderr).toMatch(/^ {2}query=1000 \(default 10\): then about/m);
    expect(run.stderr).toMatch(/^ {2}metaBatch=256 \(default 25\): then about/m);
    expect(run.stderr).toContain('--force runs it anyway');
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(out)).toBe(false);
    // Refused from the settings alone, before a backend was started.
    expect(run.stderr).not.toContain('Backend:');
  });
});

describe('a run out of memory', () => {
  it('says so in one line, exits 4 and keeps what it had', () => {
    const out = join(dir, 'results.json');
    const run = runCli([...HUGE, '--force', '--out', out]);
    expect(run.status).toBe(4);
    const lines = run.stderr.trim().split('\n');
    const failure = lines.find((line) => line.startsWith('Out of memory at iteration '));
    expect(failure).toBeDefined();
    expect(failure).toContain('the wasm backend');
    expect(failure).toContain('metaBatch=256 (default 25)');
    expect(failure).toContain('query=1000 (default 10)');
    expect(run.stderr).not.toMatch(/^\s+at /m);
    const read = parseResults(readFileSync(out, 'utf8'));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.results.failure?.outOfMemory).toBe(true);
    expect(read.results.failure?.message).toBe(failure);
    expect(read.results.evaluation).toBeNull();
    expect(read.results.metaTrainLoss.length).toBe(read.results.iterations);
  });
});

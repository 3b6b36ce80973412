/** Python for the PyTorch export's tests: whether it is here, and running it. */
import { spawnSync } from 'node:child_process';
import { HANG_LIMIT_MS } from './hangLimit';

export interface PythonRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs python3 with `args` (stdin from `input`). One thread per process: the tests' networks are
 * tiny, and on a busy machine more threads only wait for each other.
 */
export function runPython(args: readonly string[], input?: string, cwd?: string): PythonRun {
  const result = spawnSync('python3', args, {
    cwd,
    input,
    encoding: 'utf8',
    timeout: HANG_LIMIT_MS,
    env: { ...process.env, OMP_NUM_THREADS: '1' },
  });
  if (result.error !== undefined) {
    return { status: null, stdout: '', stderr: result.error.message };
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Why python3 (with `modules` importable) cannot be used here, or null when it can. */
export function pythonMissing(modules: readonly string[] = []): string | null {
  const imports = modules.map((name) => `import ${name}`).join('; ');
  const run = runPython(['-c', imports || 'pass']);
  if (run.status === 0) return null;
  return run.status === null
    ? 'python3 is not installed'
    : `python3 cannot import ${modules.join(', ')} (${run.stderr.trim().split('\n').pop() ?? ''})`;
}

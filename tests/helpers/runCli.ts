import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HANG_LIMIT_MS } from './hangLimit';

/** The repository root: the runner is started from here, as `npm run experiment` would. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const TSX = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const RUNNER = join('src', 'cli', 'experiment.ts');

export interface CliRun {
  /** Exit code, or null when the process was ended by a signal. */
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the experiment runner in a child process and waits for it. Throws if it cannot be started
 * or does not finish within `timeoutMs`, with whatever it wrote to stderr so far.
 */
export function runCli(args: readonly string[], timeoutMs = HANG_LIMIT_MS): CliRun {
  const result = spawnSync(TSX, [RUNNER, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: timeoutMs,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  if (result.error !== undefined) {
    throw new Error(
      `runner ${JSON.stringify(args)} failed to complete: ${result.error.message}\n${result.stderr}`,
    );
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

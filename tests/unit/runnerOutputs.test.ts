/**
 * The runner refuses output paths it cannot write before training (exit 2, a message per path,
 * nothing run), and keeps results it could not write at the end in a temporary file.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unwritable, writeKeeping } from '../../src/cli/outputFiles';
import { runCli } from '../helpers/runCli';

const dir = mkdtempSync(join(tmpdir(), 'runner-outputs-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('runner output paths', () => {
  it('are refused before training when their folder is missing, or they are a folder', () => {
    const run = runCli([
      '--set',
      'iterations=5',
      '--out',
      join(dir, 'missing', 'results.json'),
      '--save',
      dir,
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--out');
    expect(run.stderr).toContain('does not exist');
    expect(run.stderr).toContain(`--save ${dir}: that is a folder`);
    expect(run.stderr).toContain('Nothing was run.');
    expect(run.stderr).not.toContain('iteration ');
  });

  it('accept a writable file, and name an unwritable folder', () => {
    expect(unwritable('--out', join(dir, 'fine.json'))).toBeNull();
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    const problem = unwritable('--out', join(locked, 'x.json'));
    chmodSync(locked, 0o700);
    // Root may write anywhere: then there is nothing to refuse.
    if (process.getuid?.() !== 0) expect(problem).toMatch(/cannot write there/);
  });

  it('keep what could not be written in a temporary file, and say where', () => {
    const outcome = writeKeeping('--out', join(dir, 'no', 'such', 'folder.json'), '{"a":1}\n');
    expect(outcome.written).toBe(false);
    const kept = /kept in (.+) instead\./.exec(outcome.message)?.[1];
    expect(kept).toBeDefined();
    expect(readFileSync(kept!, 'utf8')).toBe('{"a":1}\n');
    rmSync(kept!);
  });
});

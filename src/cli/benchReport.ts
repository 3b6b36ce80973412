/**
 * What every benchmark writes beside its numbers: the machine and the commit they were measured
 * on, and the section of docs/BENCHMARKS.md that holds them (between named markers, so a
 * benchmark rewrites its own section and nothing else).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { REPO_ROOT } from './browser/harness';

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} x ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, no GPU (WebGPU and WebGL run on SwiftShader, a software renderer)`;
}

export function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT });
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: REPO_ROOT });
    return `commit \`${head.toString().trim()}\`${dirty.length > 0 ? ' with uncommitted changes in src/' : ''}`;
  } catch {
    return 'an unknown commit';
  }
}

/**
 * Replaces the text between `<!-- name:start -->` and `<!-- name:end -->` in docs/BENCHMARKS.md,
 * formatted as the repository's prettier would.
 */
export async function writeBenchmarkSection(name: string, section: string): Promise<void> {
  const path = join(REPO_ROOT, 'docs', 'BENCHMARKS.md');
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const text = readFileSync(path, 'utf8');
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${path} has no ${start} ... ${end} markers`);
  const updated = `${text.slice(0, from + start.length)}\n${section}\n${text.slice(to)}`;
  const options = (await resolveConfig(path)) ?? {};
  writeFileSync(path, await format(updated, { ...options, filepath: path }));
}

/**
 * The runner's output files, checked before any training (a path it cannot write is refused while
 * nothing is lost yet) and written at the end without losing the results if writing still fails.
 */
import { accessSync, constants, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** Why `path` cannot be written, or null if it can (named by its flag in the message). */
export function unwritable(flag: string, path: string): string | null {
  const full = resolve(path);
  try {
    if (statSync(full, { throwIfNoEntry: false })?.isDirectory()) {
      return `${flag} ${path}: that is a folder; give a file name in it.`;
    }
    const folder = dirname(full);
    const stats = statSync(folder, { throwIfNoEntry: false });
    if (!stats) return `${flag} ${path}: the folder ${folder} does not exist.`;
    if (!stats.isDirectory()) return `${flag} ${path}: ${folder} is not a folder.`;
    accessSync(folder, constants.W_OK);
    return null;
  } catch (error) {
    return `${flag} ${path}: cannot write there (${error instanceof Error ? error.message : String(error)}).`;
  }
}

/**
 * Writes `text` to `path`; if that fails, to a file in the system's temporary folder instead, so
 * an hour of training is never lost to a full disk. Returns what happened, for stderr, and
 * whether it went where asked.
 */
export function writeKeeping(
  flag: string,
  path: string,
  text: string,
): { readonly written: boolean; readonly message: string } {
  try {
    writeFileSync(path, text);
    return { written: true, message: `Written to ${path}` };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const fallback = join(tmpdir(), `meta-learning-playground-${Date.now()}-${process.pid}.json`);
    try {
      writeFileSync(fallback, text);
      return {
        written: false,
        message: `${flag} ${path}: could not write it (${reason}); kept in ${fallback} instead.`,
      };
    } catch {
      return { written: false, message: `${flag} ${path}: could not write it (${reason}).` };
    }
  }
}

/**
 * Resident memory of Chromium's renderer processes, read from /proc: a dedicated worker lives in
 * its page's renderer, so its memory (the WASM heap among it) shows there.
 */
import { readFileSync, readdirSync } from 'node:fs';

/** Resident set size of one process in MiB, or 0 if it is gone. */
function residentMib(pid: string): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? 0 : Number(kb) / 1024;
  } catch {
    return 0;
  }
}

function isRenderer(pid: string): boolean {
  try {
    // Forked from Chromium's zygote, a renderer rewrites its command line as one string.
    const line = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    return /chrom/i.test(line) && / --type=renderer /.test(` ${line} `);
  } catch {
    return false;
  }
}

/** The parent of `pid`, or null once the chain ends or the process is gone. */
function parentOf(pid: string): string | null {
  try {
    // The command name, in parentheses, may hold spaces: the fields after it are fixed.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const parent = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
    return parent === undefined || parent === '0' ? null : parent;
  } catch {
    return null;
  }
}

function descendsFrom(pid: string, ancestor: number): boolean {
  for (let at = parentOf(pid); at !== null; at = parentOf(at)) {
    if (at === String(ancestor)) return true;
  }
  return false;
}

/**
 * The resident memory of every Chromium renderer process, in MiB; with `ancestor`, only of those
 * started (through the browser and its zygote) by that process, e.g. this one, so that browsers
 * other programs run on the machine do not count.
 */
export function rendererResidentMib(ancestor?: number): number {
  return readdirSync('/proc')
    .filter(
      (entry) =>
        /^\d+$/.test(entry) &&
        isRenderer(entry) &&
        (ancestor === undefined || descendsFrom(entry, ancestor)),
    )
    .reduce((sum, pid) => sum + residentMib(pid), 0);
}

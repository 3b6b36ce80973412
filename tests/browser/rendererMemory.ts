/**
 * Resident memory of Chromium's renderer processes, read from /proc: a dedicated worker lives in
 * its page's renderer, so its memory (the WASM heap among it) shows there. Browser test files
 * run one at a time, so the renderers on the machine are the current test's.
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

/** The resident memory of every Chromium renderer process, in MiB. */
export function rendererResidentMib(): number {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry) && isRenderer(entry))
    .reduce((sum, pid) => sum + residentMib(pid), 0);
}

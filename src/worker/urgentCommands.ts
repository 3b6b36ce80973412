/**
 * Commands the page needs answered even while the worker is inside a long synchronous iteration
 * (a classification meta-batch of several seconds): a pause, a stop, new settings, a file. A
 * worker reads a message only between calls, so the page also counts these commands in shared
 * memory as it posts them, and the worker counts them as it reads them: while the two differ, one
 * is waiting, and the iteration stops at its next task pass (core/tfjs/interruption.ts), is rolled
 * back, and is done again after the command. Shared memory needs a cross-origin isolated page;
 * without it the page posts no counter and commands wait for the iteration to end, as before.
 */
import type { Command } from './protocol';

const URGENT: ReadonlySet<Command['type']> = new Set([
  'configure',
  'pause',
  'stop',
  'reset',
  'loadData',
  'clearData',
]);

export function isUrgent(command: Command): boolean {
  return URGENT.has(command.type);
}

/** The page's side: counts urgent commands as they are posted. */
export class UrgentCounter {
  private readonly posted: Int32Array;

  private constructor(readonly buffer: SharedArrayBuffer) {
    this.posted = new Int32Array(buffer);
  }

  /** A counter the worker can read, where the page may share memory; null where it may not. */
  static create(): UrgentCounter | null {
    const scope = globalThis as { crossOriginIsolated?: boolean };
    if (typeof SharedArrayBuffer === 'undefined' || scope.crossOriginIsolated !== true) return null;
    return new UrgentCounter(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  }

  /** Call just before posting `command`. */
  count(command: Command): void {
    if (isUrgent(command)) Atomics.add(this.posted, 0, 1);
  }
}

/** The worker's side: what the page counted against what the worker has read. */
export class UrgentInbox {
  private posted: Int32Array | null = null;
  private read = 0;

  attach(buffer: SharedArrayBuffer): void {
    this.posted = new Int32Array(buffer);
  }

  /** Call as each command is read, before it is handled. */
  received(command: Command): void {
    if (isUrgent(command)) this.read += 1;
  }

  /** Whether the page has posted an urgent command the worker has not read yet. */
  waiting(): boolean {
    return this.posted !== null && Atomics.load(this.posted, 0) > this.read;
  }
}

/**
 * Long synchronous tensor work stops between its pieces when its host has something more urgent
 * to do. A classification meta-iteration on WASM runs its tasks one pass at a time inside one
 * synchronous call of several seconds; the worker that runs it cannot read a message until the
 * call returns. The host installs a check (in the page's worker: whether the page has posted a
 * command that has not been read yet); between passes the work calls `interruptionPoint`, which
 * throws `Interrupted` when the check says so. The trainer then rolls the iteration back, as for
 * any failed step, so the run is unchanged and the iteration is simply done again later.
 */
export class Interrupted extends Error {
  constructor() {
    super('Interrupted: the host has something more urgent to do.');
    this.name = 'Interrupted';
  }
}

let pending: () => boolean = () => false;

/** What `interruptionPoint` asks; the default never interrupts (Node, tests). */
export function setInterruptionCheck(check: () => boolean): void {
  pending = check;
}

/** Throws `Interrupted` if the host asked for the work to stop. */
export function interruptionPoint(): void {
  if (pending()) throw new Interrupted();
}

export function isInterrupted(error: unknown): error is Interrupted {
  return error instanceof Interrupted;
}

/// <reference lib="webworker" />
/**
 * The training worker: the page never trains on its own thread. It receives Commands and posts
 * WorkerEvents (see protocol.ts); everything else lives in RunController.
 */
import { RunController } from './runController';
import { NO_RUN, type Command, type WorkerEvent } from './protocol';
import { UrgentInbox } from './urgentCommands';
import { setInterruptionCheck } from '../core/tfjs/interruption';

const HEARTBEAT_MS = 2000;

const scope = self as unknown as DedicatedWorkerGlobalScope;

const controller = new RunController((event: WorkerEvent, transfer: Transferable[] = []) => {
  scope.postMessage(event, transfer);
});

// A long iteration stops between its task passes while the page waits on an urgent command.
const urgent = new UrgentInbox();
setInterruptionCheck(() => urgent.waiting());

// Commands are handled one after another, so a configure finishes before the start that follows.
let queue: Promise<void> = Promise.resolve();
scope.onmessage = (message: MessageEvent<Command>) => {
  const command = message.data;
  urgent.received(command);
  if (command.type === 'hang') {
    hang(command.ms);
    return;
  }
  if (command.type === 'urgentCounter') {
    urgent.attach(command.buffer);
    return;
  }
  queue = queue.then(() => controller.handle(command));
};

/** Blocks the thread, as a backend stuck in a kernel would (see the `hang` command). */
function hang(ms: number): void {
  const until = performance.now() + Math.min(Math.max(ms, 0), 600_000);
  while (performance.now() < until) {
    // Busy on purpose: nothing else on this thread runs until it ends.
  }
}

setInterval(() => {
  scope.postMessage({ type: 'heartbeat', runId: NO_RUN } satisfies WorkerEvent);
}, HEARTBEAT_MS);

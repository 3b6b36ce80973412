/// <reference lib="webworker" />
/**
 * The training worker: the page never trains on its own thread. It receives Commands and posts
 * WorkerEvents (see protocol.ts); everything else lives in RunController.
 */
import { RunController } from './runController';
import type { Command, WorkerEvent } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

const controller = new RunController((event: WorkerEvent, transfer: Transferable[] = []) => {
  scope.postMessage(event, transfer);
});

// Commands are handled one after another, so a configure finishes before the start that follows.
let queue: Promise<void> = Promise.resolve();
scope.onmessage = (message: MessageEvent<Command>) => {
  queue = queue.then(() => controller.handle(message.data));
};

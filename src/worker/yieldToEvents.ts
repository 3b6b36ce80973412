/**
 * Lets the worker's queued messages (a pause, a new run, Start) run before the caller goes on.
 * Awaiting a promise that is already settled does not do that: its continuation runs before any
 * message, so a chain of such awaits can hold the thread for as long as it likes.
 */
export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

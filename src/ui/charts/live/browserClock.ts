import type { SchedulerClock } from './chartScheduler';

/**
 * The page's clock for the chart scheduler. `afterTask` posts to a MessageChannel: its message is
 * handled in a task of its own, after everything React and recharts do in the current one.
 * `afterFrame` asks for an animation frame after those recharts asked for while drawing, so its
 * callback runs after theirs.
 */
export function createBrowserClock(): SchedulerClock {
  const channel = new MessageChannel();
  const queue: (() => void)[] = [];
  channel.port1.onmessage = () => {
    queue.shift()?.();
  };
  return {
    now: () => performance.now(),
    setTimer: (callback, delayMs) => window.setTimeout(callback, delayMs),
    clearTimer: (timer) => {
      window.clearTimeout(timer as number);
    },
    afterTask: (callback) => {
      queue.push(callback);
      channel.port2.postMessage(null);
    },
    afterFrame: (callback) => {
      requestAnimationFrame((frameStart) => {
        callback(frameStart);
      });
    },
  };
}

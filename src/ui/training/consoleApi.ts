/**
 * A small handle for people who want to look inside a run from the browser's developer console,
 * e.g. `playground.store.getState().series` or `playground.client.send({ type: 'stats' })`.
 */
import type { PlaygroundStore } from '../store/playgroundStore';
import type { TrainingClient } from '../worker/trainingClient';

export interface PlaygroundConsoleApi {
  /** The page's store: getState() for the settings, the run and the loss series. */
  readonly store: PlaygroundStore;
  /** The training worker's client: send() commands to the current run. */
  readonly client: TrainingClient;
}

declare global {
  interface Window {
    playground?: PlaygroundConsoleApi;
  }
}

/** Puts the handle on `window.playground`; the returned function takes it away again. */
export function exposeConsoleApi(api: PlaygroundConsoleApi): () => void {
  window.playground = api;
  return () => {
    if (window.playground === api) delete window.playground;
  };
}

import { useEffect, useState, type ReactNode } from 'react';
import { createPlaygroundStore } from '../store/playgroundStore';
import { currentLinkText } from '../store/settingsSlice';
import { TrainingClient } from '../worker/trainingClient';
import { exposeConsoleApi } from './consoleApi';
import { PlaygroundContext, type Playground } from './context';
import { PlaygroundController } from './controller';

function createPlayground(): Playground {
  const store = createPlaygroundStore(currentLinkText(), window.history.state);
  return { store, controller: new PlaygroundController(store) };
}

/**
 * Owns the store and the training worker's client for as long as the page is mounted: the client
 * is created once on mount (configuring a run from the address) and disposed on unmount.
 */
export function PlaygroundProvider({ children }: { readonly children: ReactNode }) {
  const [playground] = useState(createPlayground);

  useEffect(() => {
    const { store, controller } = playground;
    const client = new TrainingClient({
      onEvent: (event) => {
        store.getState().applyEvent(event);
      },
      onWorkerFailure: (message) => {
        store.getState().workerFailed(message);
      },
    });
    controller.attach(client);
    const hideConsoleApi = exposeConsoleApi({ store, client });

    // Back/forward or an edited hash can change the settings: run the experiment now in the link.
    const onLinkChange = () => {
      controller.followLink(currentLinkText(), window.history.state);
    };
    window.addEventListener('popstate', onLinkChange);
    window.addEventListener('hashchange', onLinkChange);

    return () => {
      window.removeEventListener('popstate', onLinkChange);
      window.removeEventListener('hashchange', onLinkChange);
      hideConsoleApi();
      controller.detach();
      client.dispose();
    };
  }, [playground]);

  return <PlaygroundContext value={playground}>{children}</PlaygroundContext>;
}

import { useEffect, useState, type ReactNode } from 'react';
import { LiveChartsProvider } from '../charts/live/LiveChartsProvider';
import { createPlaygroundStore } from '../store/playgroundStore';
import { isBareLink } from '../../core/config';
import { currentLinkText, replaceLinkWithSettings } from '../store/settingsSlice';
import { TrainingClient } from '../worker/trainingClient';
import { openingLinkText } from '../../core/lessons/lessonParam';
import { exposeConsoleApi } from './consoleApi';
import { PlaygroundContext, type Playground } from './context';
import { PlaygroundController } from './controller';

function createPlayground(): Playground {
  const opened = currentLinkText();
  // A lesson's link without settings (?lesson=3) opens on the lesson's settings.
  const link = openingLinkText(opened);
  const store = createPlaygroundStore(link, window.history.state);
  // The opening experiment of a bare address goes into the address, so it is shared like any.
  if (isBareLink(opened)) replaceLinkWithSettings(store.getState().settings);
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
      onWorkerFailure: (message, kind) => {
        store.getState().workerFailed(message, kind);
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

  return (
    <PlaygroundContext value={playground}>
      <LiveChartsProvider>{children}</LiveChartsProvider>
    </PlaygroundContext>
  );
}

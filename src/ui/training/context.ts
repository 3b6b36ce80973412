import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { PlaygroundState, PlaygroundStore } from '../store/playgroundStore';
import type { PlaygroundController } from './controller';

export interface Playground {
  readonly store: PlaygroundStore;
  readonly controller: PlaygroundController;
}

export const PlaygroundContext = createContext<Playground | null>(null);

function usePlaygroundContext(): Playground {
  const playground = useContext(PlaygroundContext);
  if (playground === null) {
    throw new Error('Components that use the playground must be inside <PlaygroundProvider>.');
  }
  return playground;
}

/** One value from the store; the component re-renders only when that value changes. */
export function usePlayground<T>(selector: (state: PlaygroundState) => T): T {
  return useStore(usePlaygroundContext().store, selector);
}

/** The actions behind the buttons, shortcuts and backend choice. */
export function useController(): PlaygroundController {
  return usePlaygroundContext().controller;
}

/** The store itself, for effects that read it when something outside React happens. */
export function usePlaygroundStore(): PlaygroundStore {
  return usePlaygroundContext().store;
}

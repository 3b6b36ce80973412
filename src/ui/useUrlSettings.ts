import { useMemo, useSyncExternalStore } from 'react';
import { parseQuery, type ParseResult } from '../core/config';

// Both events can change the settings: the query on back/forward, the hash when a link is edited.
function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener('hashchange', onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener('hashchange', onChange);
  };
}

function currentLinkSettings(): string {
  return window.location.search + window.location.hash;
}

/** The experiment settings in the current address, kept in step with back/forward and the hash. */
export function useUrlSettings(): ParseResult {
  const text = useSyncExternalStore(subscribe, currentLinkSettings);
  return useMemo(() => parseQuery(text), [text]);
}

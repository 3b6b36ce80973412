/**
 * Whether the page is laid out in one column (the width lessons.css switches at): there the
 * lesson folds its longer text, so the learning stays on the first screen.
 */
import { useSyncExternalStore } from 'react';

const NARROW = '(max-width: 60rem)';

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(NARROW);
  query.addEventListener('change', onChange);
  return () => {
    query.removeEventListener('change', onChange);
  };
}

export function useNarrowScreen(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(NARROW).matches);
}

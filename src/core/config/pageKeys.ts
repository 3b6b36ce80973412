/**
 * Keys a link may carry beside the settings that say how the page shows a run, not what it runs:
 * a lesson of the Learn path, classroom mode, controls to hide, and `threads=1` to let the WASM
 * backend use several threads (same numbers, maybe another speed). The settings parser passes
 * over them (the runner runs the same experiment with or without them); the page reads them.
 */
export const PAGE_KEYS = ['lesson', 'present', 'hide', 'threads'] as const;

export type PageKey = (typeof PAGE_KEYS)[number];

export function isPageKey(key: string): key is PageKey {
  return (PAGE_KEYS as readonly string[]).includes(key);
}

/**
 * Keys a link may carry beside the settings that say how the page shows a run, not what it runs:
 * a lesson of the Learn path, classroom mode, controls to hide. The settings parser passes over
 * them (the runner runs the same experiment with or without them); the page reads them itself.
 */
export const PAGE_KEYS = ['lesson', 'present', 'hide'] as const;

export type PageKey = (typeof PAGE_KEYS)[number];

export function isPageKey(key: string): key is PageKey {
  return (PAGE_KEYS as readonly string[]).includes(key);
}

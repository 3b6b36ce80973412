/**
 * Classroom mode and the hidden parts as the page reads them from its address (see pageParams.ts),
 * shared with every component through one React context.
 */
import { createContext, useContext } from 'react';
import { NO_PAGE_PARAMS, parsePageParams, type HideName, type PageParams } from './pageParams';

/** The page keys of the address now. */
export function readPageParams(): PageParams {
  return parsePageParams(window.location.search, window.location.hash);
}

export const PageParamsContext = createContext<PageParams>(NO_PAGE_PARAMS);

export function usePageParams(): PageParams {
  return useContext(PageParamsContext);
}

/** Whether the link asked to leave out the part named `name`. */
export function useHidden(name: HideName): boolean {
  return usePageParams().hidden.includes(name);
}

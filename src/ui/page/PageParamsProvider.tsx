import { useEffect, useState, type ReactNode } from 'react';
import { PageParamsContext, readPageParams } from './pageParamsContext';
import './classroom.css';

/**
 * Reads `present` and `hide` from the address when the page opens and again on Back and Forward,
 * and marks the document for classroom mode (`data-present` on the root element, which the CSS in
 * classroom.css keys on, so rem-sized type grows with the root's font size).
 */
export function PageParamsProvider({ children }: { readonly children: ReactNode }) {
  const [params, setParams] = useState(readPageParams);

  useEffect(() => {
    const reread = () => {
      setParams(readPageParams());
    };
    window.addEventListener('popstate', reread);
    return () => {
      window.removeEventListener('popstate', reread);
    };
  }, []);

  useEffect(() => {
    const root = document.documentElement;
    root.toggleAttribute('data-present', params.present);
    if (params.hidden.length > 0) root.dataset.hide = params.hidden.join(' ');
    else delete root.dataset.hide;
  }, [params]);

  return <PageParamsContext.Provider value={params}>{children}</PageParamsContext.Provider>;
}

import type { ReactNode } from 'react';
import type { HideName } from './pageParams';
import { useHidden } from './pageParamsContext';

/** Its children, unless the link names `name` in `hide=`: then nothing is rendered at all. */
export function Hideable({
  name,
  children,
}: {
  readonly name: HideName;
  readonly children: ReactNode;
}) {
  return useHidden(name) ? null : children;
}

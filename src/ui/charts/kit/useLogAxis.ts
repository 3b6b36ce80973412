import { useMemo } from 'react';
import { logAxis, type LogAxis } from '../scales';

/**
 * A log axis covering [min, max], kept the same object while its rounded domain stays the same,
 * so recharts does not rebuild the axis on every redraw of streaming data.
 */
export function useLogAxis(min: number, max: number): LogAxis {
  const [low, high] = logAxis(min, max).domain;
  return useMemo(() => logAxis(low, high), [low, high]);
}

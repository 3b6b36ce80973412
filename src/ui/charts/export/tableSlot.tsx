/**
 * How a chart's drawing hands its table to the export buttons in the figure's heading: the
 * figure provides a slot, the content fills it after each render with a function that builds the
 * table only when a CSV is asked for, so training pays nothing for export.
 */
import { createContext, useCallback, useContext, useEffect, useRef } from 'react';
import type { ChartTableSource } from './chartTable';

type Register = (source: ChartTableSource | null) => void;

export const ChartTableSlot = createContext<Register | null>(null);

/** For the figure: the slot to provide and the source last registered in it. */
export function useTableSlot() {
  const source = useRef<ChartTableSource | null>(null);
  const register = useCallback<Register>((next) => {
    source.current = next;
  }, []);
  return { source, register };
}

/** For a chart's content: offers `source` (or nothing) to the figure's export buttons. */
export function useExportTable(source: ChartTableSource | undefined): void {
  const register = useContext(ChartTableSlot);
  useEffect(() => {
    if (register === null) return undefined;
    register(source ?? null);
    return () => {
      register(null);
    };
  }, [register, source]);
}

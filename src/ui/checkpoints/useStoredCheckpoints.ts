/** The checkpoints this browser keeps, read on mount and after every change made here. */
import { useCallback, useEffect, useState } from 'react';
import { listCheckpoints, type StoredCheckpoint } from './checkpointShelf';

export interface StoredCheckpoints {
  readonly list: readonly StoredCheckpoint[];
  /** Why browser storage cannot be used, or null while it can. */
  readonly unavailable: string | null;
  readonly refresh: () => Promise<void>;
}

/** Reads the list into the setters (while `wanted`), or why storage is unavailable. */
async function listInto(
  setList: (list: readonly StoredCheckpoint[]) => void,
  setUnavailable: (reason: string | null) => void,
  wanted: () => boolean,
): Promise<void> {
  try {
    const list = await listCheckpoints();
    if (!wanted()) return;
    setList(list);
    setUnavailable(null);
  } catch (error) {
    if (wanted()) setUnavailable(error instanceof Error ? error.message : String(error));
  }
}

export function useStoredCheckpoints(): StoredCheckpoints {
  const [list, setList] = useState<readonly StoredCheckpoint[]>([]);
  const [unavailable, setUnavailable] = useState<string | null>(null);

  const refresh = useCallback(() => listInto(setList, setUnavailable, () => true), []);

  useEffect(() => {
    let mounted = true;
    void listInto(setList, setUnavailable, () => mounted);
    return () => {
      mounted = false;
    };
  }, []);

  return { list, unavailable, refresh };
}

import { unzipSync } from 'fflate';
import { DataError } from './errors';

/**
 * The files of a zip archive whose names pass `keep`, by path inside the zip. Folders and the
 * metadata macOS adds when it zips (`__MACOSX/`, `._name` and other dot files) are left out.
 */
export function readZip(
  bytes: Uint8Array,
  keep: (path: string) => boolean,
): Map<string, Uint8Array> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: ({ name }) => !name.endsWith('/') && !isSystemFile(name) && keep(name),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataError(`this file cannot be read as a zip archive (${reason})`);
  }
  return new Map(Object.entries(files));
}

function isSystemFile(path: string): boolean {
  return path.startsWith('__MACOSX/') || path.split('/').some((part) => part.startsWith('.'));
}

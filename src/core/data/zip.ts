import { unzipSync } from 'fflate';
import { DataError } from './errors';

/**
 * Caps on what an archive may inflate to, checked against the sizes its directory declares
 * before anything is inflated. fflate inflates each entry into a buffer of its declared size and
 * stops there, so an entry that lies about its size cannot grow past the cap either. An
 * Omniglot drawing is about 1 KB; the whole background set inflates to about 10 MB.
 */
export const MAX_ENTRY_BYTES = 16 * 2 ** 20;
export const MAX_ARCHIVE_BYTES = 512 * 2 ** 20;

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/**
 * The files of a zip archive whose names pass `keep`, by path inside the zip. Folders and the
 * metadata macOS adds when it zips (`__MACOSX/`, `._name` and other dot files) are left out.
 * Throws DataError for an archive that is not a zip, or would inflate past the caps above.
 */
export function readZip(
  bytes: Uint8Array,
  keep: (path: string) => boolean,
): Map<string, Uint8Array> {
  let files: Record<string, Uint8Array>;
  let total = 0;
  try {
    files = unzipSync(bytes, {
      filter: ({ name, originalSize }) => {
        if (name.endsWith('/') || isSystemFile(name) || !keep(name)) return false;
        if (originalSize > MAX_ENTRY_BYTES) {
          throw new DataError(
            `${name} would inflate to ${mib(originalSize)}, above the ${mib(MAX_ENTRY_BYTES)} ` +
              'allowed for one file: this is not an Omniglot drawing',
          );
        }
        total += originalSize;
        if (total > MAX_ARCHIVE_BYTES) {
          throw new DataError(
            `its files would inflate to more than the ${mib(MAX_ARCHIVE_BYTES)} allowed for ` +
              `one archive (reached at ${name}); Omniglot's background set takes about 10 MiB`,
          );
        }
        return true;
      },
    });
  } catch (error) {
    if (error instanceof DataError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataError(`this file cannot be read as a zip archive (${reason})`);
  }
  return new Map(Object.entries(files));
}

function isSystemFile(path: string): boolean {
  return path.startsWith('__MACOSX/') || path.split('/').some((part) => part.startsWith('.'));
}

/**
 * Checkpoints kept in this browser (IndexedDB, plain API): each with its name, when it was saved,
 * its iteration and the checkpoint text. Every call opens the database, does one transaction and
 * closes it, and fails with a readable message where storage is unavailable (private windows,
 * blocked storage, a full quota).
 */

const DATABASE = 'meta-learning-playground';
const STORE = 'checkpoints';
const VERSION = 1;

/** What the list shows of a stored checkpoint. */
export interface StoredCheckpoint {
  readonly id: number;
  readonly name: string;
  /** Milliseconds since 1970, when it was saved. */
  readonly savedAt: number;
  readonly iteration: number;
}

interface StoredRecord extends StoredCheckpoint {
  readonly text: string;
}

/** Storage failed; the message says why in words for the page. */
export class StorageUnavailable extends Error {}

function failure(error: DOMException | null, doing: string): StorageUnavailable {
  const reason =
    error?.name === 'QuotaExceededError'
      ? 'the browser’s storage quota is full'
      : (error?.message ?? 'the browser refused');
  return new StorageUnavailable(`Browser storage could not ${doing}: ${reason}.`);
}

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let request: IDBOpenDBRequest;
    try {
      if (typeof indexedDB === 'undefined') throw new Error('no IndexedDB here');
      request = indexedDB.open(DATABASE, VERSION);
    } catch {
      reject(new StorageUnavailable('Browser storage is not available on this page.'));
      return;
    }
    request.onupgradeneeded = () => {
      request.result.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true });
    };
    request.onsuccess = () => {
      resolve(request.result);
    };
    request.onerror = () => {
      reject(failure(request.error, 'be opened'));
    };
    request.onblocked = () => {
      reject(new StorageUnavailable('Browser storage is busy in another tab; try again.'));
    };
  });
}

/** Runs one request in its own transaction; resolves when the transaction has committed. */
async function transact<T>(
  mode: IDBTransactionMode,
  doing: string,
  make: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const database = await openDatabase();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = database.transaction(STORE, mode);
      const request = make(transaction.objectStore(STORE));
      transaction.oncomplete = () => {
        resolve(request.result);
      };
      transaction.onerror = () => {
        reject(failure(transaction.error ?? request.error, doing));
      };
      transaction.onabort = () => {
        reject(failure(transaction.error, doing));
      };
    });
  } finally {
    database.close();
  }
}

/** Every stored checkpoint, newest first. */
export async function listCheckpoints(): Promise<StoredCheckpoint[]> {
  const records = await transact('readonly', 'list checkpoints', (store) => store.getAll());
  return (records as StoredRecord[])
    .map(({ id, name, savedAt, iteration }) => ({ id, name, savedAt, iteration }))
    .sort((a, b) => b.savedAt - a.savedAt || b.id - a.id);
}

export async function storeCheckpoint(
  entry: Omit<StoredCheckpoint, 'id'>,
  text: string,
): Promise<void> {
  await transact('readwrite', 'save the checkpoint', (store) => store.add({ ...entry, text }));
}

/** The checkpoint text of a stored checkpoint, or null if it is gone. */
export async function storedCheckpointText(id: number): Promise<string | null> {
  const record = (await transact('readonly', 'read the checkpoint', (store) => store.get(id))) as
    StoredRecord | undefined;
  return record?.text ?? null;
}

export async function deleteCheckpoint(id: number): Promise<void> {
  await transact('readwrite', 'delete the checkpoint', (store) => store.delete(id));
}

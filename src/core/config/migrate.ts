import { SCHEMA_VERSION } from './schema';

/** One field as read from a link, a JSON object or the command line, before it is checked. */
export interface RawField {
  /** Text from a link or the command line, or any JSON value. */
  readonly value: unknown;
  /** Set when the value could not even be read (e.g. broken percent-encoding): why not. */
  readonly broken?: string;
}

/** Raw fields by setting name, as written for some schema version. */
export type RawFields = ReadonlyMap<string, RawField>;

/** Rewrites fields written for one schema version into the next version (rename, convert...). */
export type Migration = (fields: RawFields) => RawFields;

/**
 * MIGRATIONS.get(n) turns fields written for schema version n into fields for version n + 1, so
 * old links and files keep working: they are upgraded one version at a time, then checked.
 *
 * Version 1 is the first schema, so the only entry is the step from version 1 to a version 2 that
 * does not exist yet; it changes nothing. When SCHEMA_VERSION becomes 2, put the real conversion
 * (for example renaming a setting) here and add an entry for 2.
 */
export const MIGRATIONS: ReadonlyMap<number, Migration> = new Map<number, Migration>([
  [1, (fields) => fields],
]);

/** The oldest schema version that can still be read. */
export const OLDEST_VERSION: number = 1;

/** Upgrades fields written for `fromVersion` (OLDEST_VERSION..SCHEMA_VERSION) to SCHEMA_VERSION. */
export function upgradeFields(fields: RawFields, fromVersion: number): RawFields {
  let upgraded = fields;
  for (let version = fromVersion; version < SCHEMA_VERSION; version++) {
    const step = MIGRATIONS.get(version);
    if (step !== undefined) {
      upgraded = step(upgraded);
    }
  }
  return upgraded;
}

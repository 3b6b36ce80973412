import { isPageKey, type PageKey } from './pageKeys';
import { OLDEST_VERSION, upgradeFields, type RawField, type RawFields } from './migrate';
import {
  DEFAULT_CONFIG,
  SCHEMA_VERSION,
  SETTINGS,
  buildConfig,
  findSetting,
  type ExperimentConfig,
  type SettingSpec,
  type SettingValue,
} from './schema';
import { checkCombinations } from './combinations';
import { describeAllowed, formatValue } from './serialize';
import { MAX_TEXT_LENGTH, givenText, quoteGiven, readValue, shorten } from './value';

/** One thing wrong with the input, and what was done about it. */
export interface ConfigProblem {
  /** The setting name as given (or '(input)' for the input as a whole). */
  readonly setting: string;
  /** The offending text exactly as given (shortened if absurdly long). Plain text, never markup. */
  readonly given: string;
  /** What would have been accepted. */
  readonly allowed: string;
  /** What is wrong with the input, including what would have been accepted. */
  readonly issue: string;
  /** What reading did instead (e.g. "using the default 0.01"); callers that refuse bad input omit it. */
  readonly outcome: string;
  /** One readable sentence: the issue, then the outcome. */
  readonly message: string;
}

function problem(
  setting: string,
  given: string,
  allowed: string,
  issue: string,
  outcome: string,
): ConfigProblem {
  return { setting, given, allowed, issue, outcome, message: `${issue}; ${outcome}` };
}

export interface ParseResult {
  /** Always complete and valid: anything unusable was replaced by the default (or the base). */
  config: ExperimentConfig;
  problems: ConfigProblem[];
}

/** Name of the schema-version field. */
export const VERSION_KEY = 'v';

/** The `setting` of problems about the input as a whole rather than one setting. */
export const WHOLE_INPUT = '(input)';

/** At most this many parameters are read; the rest are ignored (and reported once). */
export const MAX_PARAMETERS = 100;

/** One key/value pair in input order. Pairs of the same group may not repeat a key. */
interface Entry {
  readonly key: string;
  readonly field: RawField;
  readonly group: number;
  /** The key itself could not be decoded. */
  readonly brokenKey?: boolean;
}

/** What an unusable value is replaced with, and how the messages say so. */
interface Fallback {
  readonly base: ExperimentConfig;
  readonly phrase: string;
}

const TO_DEFAULTS: Fallback = { base: DEFAULT_CONFIG, phrase: 'using the default' };

const KNOWN_NAMES = [VERSION_KEY, ...SETTINGS.map((spec) => spec.key)].join(', ');

const VERSION_RULE: SettingSpec = {
  key: VERSION_KEY,
  kind: 'int',
  default: SCHEMA_VERSION,
  min: OLDEST_VERSION,
  max: Number.MAX_SAFE_INTEGER,
  label: 'Schema version',
  description: 'Which version of this settings table wrote the link or file.',
};

const VERSIONS_ALLOWED =
  OLDEST_VERSION === SCHEMA_VERSION
    ? String(SCHEMA_VERSION)
    : `a whole number from ${OLDEST_VERSION} to ${SCHEMA_VERSION}`;

function baseValue(base: ExperimentConfig, spec: SettingSpec): SettingValue {
  return base[spec.key as keyof ExperimentConfig];
}

function settingProblem(
  spec: SettingSpec,
  given: unknown,
  reason: string,
  fallback: Fallback,
): ConfigProblem {
  const allowed = describeAllowed(spec);
  const instead = formatValue(baseValue(fallback.base, spec));
  return problem(
    spec.key,
    givenText(given),
    allowed,
    `${spec.key}: ${reason}; allowed: ${allowed}`,
    `${fallback.phrase} ${instead}`,
  );
}

function unknownNameProblem(key: string, given: unknown): ConfigProblem {
  const lower = key.toLowerCase();
  const near = SETTINGS.find((spec) => spec.key.toLowerCase() === lower);
  const hint = near === undefined ? '' : ` (did you mean ${near.key}?)`;
  return problem(
    key,
    givenText(given),
    KNOWN_NAMES,
    `${JSON.stringify(key)} is not a known setting${hint}; allowed: ${KNOWN_NAMES}`,
    `ignoring it`,
  );
}

/** Reads the version field; returns the version to upgrade from, or undefined to read as current. */
function readVersion(field: RawField, problems: ConfigProblem[]): number | undefined {
  const result = field.broken === undefined ? readValue(VERSION_RULE, field.value) : undefined;
  const anyway = `reading the settings as version ${SCHEMA_VERSION} anyway`;
  if (result?.ok !== true) {
    problems.push(
      problem(
        VERSION_KEY,
        givenText(field.value),
        VERSIONS_ALLOWED,
        `${VERSION_KEY}: ${quoteGiven(field.value)} is not a known version; allowed: ${VERSIONS_ALLOWED}`,
        anyway,
      ),
    );
    return undefined;
  }
  const version = result.value as number;
  if (version > SCHEMA_VERSION) {
    problems.push(
      problem(
        VERSION_KEY,
        givenText(field.value),
        VERSIONS_ALLOWED,
        `${VERSION_KEY}: version ${version} is newer than this app understands; allowed: ${VERSIONS_ALLOWED}`,
        anyway,
      ),
    );
    return undefined;
  }
  return version;
}

/** Gathers entries into fields: limits, over-long names, duplicates. */
function collectFields(
  entries: readonly Entry[],
  problems: ConfigProblem[],
): Map<string, RawField> {
  let kept = entries;
  if (kept.length > MAX_PARAMETERS) {
    problems.push(
      problem(
        WHOLE_INPUT,
        `${kept.length} parameters`,
        `at most ${MAX_PARAMETERS} parameters`,
        `${WHOLE_INPUT}: ${kept.length} parameters were given, more than ${MAX_PARAMETERS}`,
        `reading the first ${MAX_PARAMETERS} and ignoring the rest`,
      ),
    );
    kept = kept.slice(0, MAX_PARAMETERS);
  }
  const fields = new Map<string, RawField>();
  const groups = new Map<string, number>();
  const repeats = new Map<string, { first: RawField; count: number }>();
  for (const { key, field, group, brokenKey } of kept) {
    if (key.length > MAX_TEXT_LENGTH) {
      problems.push(
        problem(
          shorten(key),
          givenText(field.value),
          KNOWN_NAMES,
          `${JSON.stringify(shorten(key))} is too long to be a setting name (${key.length} characters, at most ${MAX_TEXT_LENGTH})`,
          `ignoring it`,
        ),
      );
      continue;
    }
    if (brokenKey === true) {
      problems.push(
        problem(
          key,
          givenText(field.value),
          KNOWN_NAMES,
          `${JSON.stringify(key)} is not valid percent-encoding for a setting name`,
          `ignoring it`,
        ),
      );
      continue;
    }
    const earlier = fields.get(key);
    if (earlier !== undefined && groups.get(key) === group) {
      const repeat = repeats.get(key);
      repeats.set(key, { first: repeat?.first ?? earlier, count: (repeat?.count ?? 1) + 1 });
    } else {
      repeats.delete(key); // a later part (the hash) may override an earlier one silently
    }
    fields.set(key, field);
    groups.set(key, group);
  }
  for (const [key, { first, count }] of repeats) {
    const spec = key === VERSION_KEY ? VERSION_RULE : findSetting(key);
    const last = fields.get(key)!;
    if (spec === undefined) {
      continue; // unknown names are reported once, later
    }
    const ignored =
      count === 2 ? `the earlier ${quoteGiven(first.value)}` : `${count - 1} earlier values`;
    problems.push(
      problem(
        key,
        givenText(first.value),
        describeAllowed(spec),
        `${key}: set ${count} times`,
        `using the last value ${quoteGiven(last.value)} and ignoring ${ignored}`,
      ),
    );
  }
  return fields;
}

function readField(
  spec: SettingSpec,
  field: RawField,
  fallback: Fallback,
  problems: ConfigProblem[],
): SettingValue {
  const { value } = field;
  let reason: string;
  if (field.broken !== undefined) {
    reason = field.broken;
  } else if (typeof value === 'string' && value.length > MAX_TEXT_LENGTH) {
    reason = `the value is too long (${value.length} characters, at most ${MAX_TEXT_LENGTH})`;
  } else {
    const result = readValue(spec, value);
    if (result.ok) {
      return result.value;
    }
    reason = result.reason;
  }
  problems.push(settingProblem(spec, value, reason, fallback));
  return baseValue(fallback.base, spec);
}

/** The common path for every kind of input: entries in, complete config and problems out. */
function resolve(
  entries: readonly Entry[],
  fallback: Fallback,
  problems: ConfigProblem[],
): ExperimentConfig {
  const fields = collectFields(entries, problems);
  const versionField = fields.get(VERSION_KEY);
  fields.delete(VERSION_KEY);
  let upgraded: RawFields = fields;
  if (versionField !== undefined) {
    const from = readVersion(versionField, problems);
    if (from !== undefined) {
      upgraded = upgradeFields(fields, from);
    }
  }
  for (const [key, field] of upgraded) {
    if (findSetting(key) === undefined && !isPageKey(key)) {
      problems.push(unknownNameProblem(key, field.value));
    }
  }
  const config = buildConfig((spec) => {
    const field = upgraded.get(spec.key);
    return field === undefined
      ? baseValue(fallback.base, spec)
      : readField(spec, field, fallback, problems);
  });
  const combined = checkCombinations(config);
  for (const p of combined.problems) {
    problems.push(problem(p.setting, p.given, p.allowed, p.issue, p.outcome));
  }
  return combined.config;
}

/** Percent-decodes text ('+' is a space, as in web forms); undefined if the encoding is broken. */
function decode(text: string): string | undefined {
  if (text.length > MAX_TEXT_LENGTH) {
    return text; // rejected later for its length; not worth decoding
  }
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

function queryEntries(part: string, group: number, out: Entry[]): void {
  for (const segment of part.split('&')) {
    if (segment === '') {
      continue;
    }
    const equals = segment.indexOf('=');
    const rawKey = equals < 0 ? segment : segment.slice(0, equals);
    const rawValue = equals < 0 ? '' : segment.slice(equals + 1);
    const key = decode(rawKey);
    const value = decode(rawValue);
    const field: RawField =
      value === undefined
        ? {
            value: rawValue,
            broken: `${quoteGiven(rawValue)} is not valid percent-encoding`,
          }
        : { value };
    out.push(
      key === undefined ? { key: rawKey, field, group, brokenKey: true } : { key, field, group },
    );
  }
}

/** Splits a link into its query and hash parts; a text without '?' or '#' is a bare query. */
function linkParts(text: string): [string, string] {
  const trimmed = text.trim();
  const hashAt = trimmed.indexOf('#');
  const beforeHash = hashAt < 0 ? trimmed : trimmed.slice(0, hashAt);
  const hash = hashAt < 0 ? '' : trimmed.slice(hashAt + 1);
  const queryAt = beforeHash.indexOf('?');
  let query: string;
  if (queryAt >= 0) {
    query = beforeHash.slice(queryAt + 1);
  } else if (beforeHash.includes('://') || beforeHash.startsWith('/')) {
    query = ''; // a link without a query part
  } else {
    query = beforeHash;
  }
  return [query, hash.startsWith('?') ? hash.slice(1) : hash];
}

/**
 * The value a link gives a page key ('?lesson=2', '#lesson=2'): the last one, the hash's over the
 * query's, as for settings (a value that cannot be decoded is given as written); null when the
 * link does not name it.
 */
export function pageKeyValue(text: string, key: PageKey): string | null {
  let value: string | null = null;
  for (const part of linkParts(text)) {
    for (const pair of part.split('&')) {
      const at = pair.indexOf('=');
      const name = decode(at < 0 ? pair : pair.slice(0, at));
      if (name !== key) continue;
      const raw = at < 0 ? '' : pair.slice(at + 1);
      value = decode(raw) ?? raw;
    }
  }
  return value;
}

/**
 * Whether a link holds no settings at all: no query and no hash ('http://host/', '/', '?'), or
 * only keys for the page ('?present=1').
 */
export function isBareLink(text: string): boolean {
  const settings = (part: string): number =>
    part.split('&').filter((pair) => {
      if (pair === '') return false;
      const key = decode(pair.split('=')[0]!);
      return key === undefined || !isPageKey(key);
    }).length;
  const [query, hash] = linkParts(text);
  return settings(query) + settings(hash) === 0;
}

/**
 * Reads settings from a full link ('http://host/path?shots=5#hidden=64'), a bare query
 * ('?shots=5&hidden=40,40' or 'shots=5') or a bare hash ('#shots=5'). When a setting is in both
 * the query and the hash, the hash wins. Settings not mentioned get their defaults. Never throws.
 */
export function parseQuery(text: string): ParseResult {
  const problems: ConfigProblem[] = [];
  const [query, hash] = linkParts(text);
  const entries: Entry[] = [];
  queryEntries(query, 0, entries);
  queryEntries(hash, 1, entries);
  const config = resolve(entries, TO_DEFAULTS, problems);
  return { config, problems };
}

/**
 * Reads settings from a JSON object such as one written by toJson. Numbers may also be given as
 * numeric strings, booleans as 1/0 or 'true'/'false', lists as arrays or as '40,40'.
 * Settings not mentioned get their defaults. Never throws.
 */
export function parseJson(value: unknown): ParseResult {
  const problems: ConfigProblem[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const shown = quoteGiven(value);
    problems.push(
      problem(
        WHOLE_INPUT,
        givenText(value),
        'a JSON object of settings',
        `${WHOLE_INPUT}: ${shown} is not a JSON object of settings`,
        `using the defaults`,
      ),
    );
    return { config: DEFAULT_CONFIG, problems };
  }
  try {
    const entries = Object.entries(value).map(([key, item]): Entry => ({
      key,
      field: { value: item },
      group: 0,
    }));
    const config = resolve(entries, TO_DEFAULTS, problems);
    return { config, problems };
  } catch {
    // Only reachable for exotic objects (throwing getters, proxies), never for parsed JSON.
    return {
      config: DEFAULT_CONFIG,
      problems: [
        problem(
          WHOLE_INPUT,
          '(an unreadable object)',
          'a JSON object of settings',
          `${WHOLE_INPUT}: the object could not be read`,
          `using the defaults`,
        ),
      ],
    };
  }
}

/**
 * Applies command-line style 'key=value' pairs on top of `base`, e.g. ['shots=5', 'hidden=64'].
 * Values are taken literally (no percent-decoding). Unusable pairs keep the base value.
 * Never throws.
 */
export function applyOverrides(base: ExperimentConfig, pairs: readonly string[]): ParseResult {
  const problems: ConfigProblem[] = [];
  const entries: Entry[] = [];
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals < 0) {
      const given = givenText(pair);
      problems.push(
        problem(
          given,
          given,
          'key=value, for example shots=5',
          `${JSON.stringify(given)} is not of the form key=value`,
          'ignoring it',
        ),
      );
      continue;
    }
    entries.push({
      key: pair.slice(0, equals).trim(),
      field: { value: pair.slice(equals + 1) },
      group: 0,
    });
  }
  const config = resolve(entries, { base, phrase: 'keeping the current value' }, problems);
  return { config, problems };
}

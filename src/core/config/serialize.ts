import {
  SCHEMA_VERSION,
  SETTINGS,
  type ExperimentConfig,
  type SettingSpec,
  type SettingValue,
} from './schema';

/** How an empty list is written in links and on the command line (an empty value is an error). */
export const EMPTY_LIST_WORD = 'none';

/** Human text for what a setting accepts, e.g. 'a whole number from 1 to 100'. */
export function describeAllowed(spec: SettingSpec): string {
  switch (spec.kind) {
    case 'int':
      return `a whole number from ${spec.min} to ${spec.max}`;
    case 'float':
      return spec.minExclusive
        ? `a number > ${spec.min} and <= ${spec.max}`
        : `a number from ${spec.min} to ${spec.max}`;
    case 'bool':
      return 'true or false (or 1 or 0)';
    case 'enum':
      return `one of: ${spec.values.join(', ')}`;
    case 'intList':
      return (
        `${spec.minLength} to ${spec.maxLength} whole numbers from ${spec.min} to ${spec.max}, ` +
        `separated by commas (${EMPTY_LIST_WORD} for an empty list)`
      );
    case 'enumList':
      return (
        `up to ${spec.maxLength} different names out of ${spec.values.join(', ')}, ` +
        `separated by commas (${EMPTY_LIST_WORD} for an empty list)`
      );
  }
}

/** A value as text, the way links and messages show it: lists comma-joined, numbers exact. */
export function formatValue(value: SettingValue): string {
  if (typeof value === 'object') {
    return value.length === 0 ? EMPTY_LIST_WORD : value.join(',');
  }
  return String(value);
}

function valueOf(config: ExperimentConfig, spec: SettingSpec): SettingValue {
  return config[spec.key as keyof ExperimentConfig];
}

/**
 * The config as a query string, e.g. 'v=1&task=sinusoid&shots=10&...&hidden=40,40'.
 * Every setting is written, in table order, so the text is stable and parses back exactly.
 */
export function toQuery(config: ExperimentConfig): string {
  const parts = [`v=${SCHEMA_VERSION}`];
  for (const spec of SETTINGS) {
    const value = valueOf(config, spec);
    const text =
      typeof value === 'object' && value.length > 0
        ? value.map((item) => encodeURIComponent(String(item))).join(',')
        : encodeURIComponent(formatValue(value));
    parts.push(`${spec.key}=${text}`);
  }
  return parts.join('&');
}

/** The shape of a saved config: the schema version plus every setting. */
export type ConfigJson = { readonly v: typeof SCHEMA_VERSION } & ExperimentConfig;

/** The config as a plain JSON-ready object with `v` first, then every setting in table order. */
export function toJson(config: ExperimentConfig): ConfigJson {
  const entries: [string, unknown][] = [['v', SCHEMA_VERSION]];
  for (const spec of SETTINGS) {
    const value = valueOf(config, spec);
    entries.push([spec.key, typeof value === 'object' ? [...value] : value]);
  }
  return Object.fromEntries(entries) as ConfigJson;
}

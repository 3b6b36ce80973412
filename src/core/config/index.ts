export {
  ALGORITHMS,
  DEFAULT_CONFIG,
  SCHEMA_VERSION,
  SETTINGS,
  findSetting,
  type BoolSetting,
  type EnumListSetting,
  type EnumSetting,
  type ExperimentConfig,
  type FloatSetting,
  type IntListSetting,
  type IntSetting,
  type SettingKey,
  type SettingKind,
  type SettingSpec,
  type SettingValue,
} from './schema';
export {
  MAX_PARAMETERS,
  VERSION_KEY,
  WHOLE_INPUT,
  applyOverrides,
  isBareLink,
  pageKeyValue,
  parseJson,
  parseQuery,
  type ConfigProblem,
  type ParseResult,
} from './parse';
export {
  EMPTY_LIST_WORD,
  describeAllowed,
  formatValue,
  toJson,
  toQuery,
  type ConfigJson,
} from './serialize';
export {
  MIGRATIONS,
  OLDEST_VERSION,
  type Migration,
  type RawField,
  type RawFields,
} from './migrate';
export { MAX_TEXT_LENGTH } from './value';
export { checkCombinations } from './combinations';
export { isClassification } from '../families/registry';
export { OMNIGLOT_DRAWINGS } from '../families/omniglot';
export { settingApplies } from './relevance';
export {
  OPENING_PRESET,
  PRESETS,
  PRESET_FAMILIES,
  matchingPreset,
  parseLink,
  presetConfig,
  presetTitle,
  type Preset,
  type PresetFamily,
} from './presets';
export { PAGE_KEYS, isPageKey, type PageKey } from './pageKeys';

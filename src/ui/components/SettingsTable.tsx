import { SETTINGS, describeAllowed, formatValue, type ExperimentConfig } from '../../core/config';

interface SettingsTableProps {
  readonly config: ExperimentConfig;
}

/** One row per setting of the schema, so a new setting appears here without touching the page. */
export function SettingsTable({ config }: SettingsTableProps) {
  return (
    // Focusable so keyboard users can scroll the table sideways on narrow screens.
    <div className="table-scroll" role="region" aria-labelledby="settings-caption" tabIndex={0}>
      <table className="settings-table">
        <caption id="settings-caption">Current value and allowed values of every setting</caption>
        <thead>
          <tr>
            <th scope="col">Setting</th>
            <th scope="col">Value</th>
            <th scope="col">Allowed</th>
          </tr>
        </thead>
        <tbody>
          {SETTINGS.map((spec) => {
            const value = formatValue(config[spec.key]);
            const fallback = formatValue(spec.default);
            return (
              <tr key={spec.key}>
                <th scope="row">
                  <span className="setting-label">{spec.label}</span>{' '}
                  <code className="setting-key">{spec.key}</code>
                  <span className="setting-description">{spec.description}</span>
                </th>
                <td>
                  <code className="setting-value">{value}</code>
                  {value !== fallback && (
                    <span className="setting-default">default {fallback}</span>
                  )}
                </td>
                <td>{describeAllowed(spec)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

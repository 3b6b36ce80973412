import { useId } from 'react';
import { usePlayground } from '../../training/context';
import { ProblemsNotice } from '../ProblemsNotice';
import { CopyLinkButton } from './CopyLinkButton';
import { PresetSelect } from './PresetSelect';
import { SETTING_GROUPS } from './settingGroups';
import { SettingField } from './SettingField';

/** A control for every experiment setting, generated from the schema; presets; copy link. */
export function SettingsPanel() {
  const problems = usePlayground((state) => state.settings.problems);
  const headingId = useId();
  return (
    <section className="card settings-panel" aria-labelledby={headingId}>
      <div className="settings-header">
        <h2 id={headingId}>Experiment settings</h2>
        <div className="settings-actions">
          <PresetSelect />
          <CopyLinkButton />
        </div>
      </div>
      <p className="muted settings-intro">
        Every setting is in the page address, so a link shares the whole experiment. A change
        applies when you press Enter or leave the field and starts a new run; Back and Forward step
        between experiments.
      </p>
      <ProblemsNotice problems={problems} />
      <div className="settings-grid">
        {SETTING_GROUPS.map((group) => (
          <fieldset key={group.id} className="settings-group">
            <legend>{group.title}</legend>
            {group.specs.map((spec) => (
              <SettingField key={spec.key} spec={spec} />
            ))}
          </fieldset>
        ))}
      </div>
    </section>
  );
}

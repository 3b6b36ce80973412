import { useId } from 'react';
import { settingApplies, type SettingKey } from '../../../core/config';
import { usePlayground } from '../../training/context';
import { ProblemsNotice } from '../ProblemsNotice';
import { AlgorithmNote } from './AlgorithmNote';
import { CopyLinkButton } from './CopyLinkButton';
import { PresetSelect } from './PresetSelect';
import { SETTING_GROUPS } from './settingGroups';
import { SettingField } from './SettingField';

/**
 * A control for every experiment setting that means something for this experiment, generated
 * from the schema; presets; copy link. Settings that do not apply (conv filters for sine waves)
 * are left out, but keep their values in the link.
 */
export function SettingsPanel() {
  const problems = usePlayground((state) => state.settings.problems);
  const config = usePlayground((state) => state.settings.config);
  const headingId = useId();
  const groups = SETTING_GROUPS.map((group) => ({
    ...group,
    specs: group.specs.filter((spec) => settingApplies(spec.key as SettingKey, config)),
  })).filter((group) => group.specs.length > 0);
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
        between experiments. Settings that mean nothing for the chosen task are hidden, and keep
        their values.
      </p>
      <ProblemsNotice problems={problems} />
      <AlgorithmNote />
      <div className="settings-grid">
        {groups.map((group) => (
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

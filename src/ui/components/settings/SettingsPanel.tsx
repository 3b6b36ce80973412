import { useId } from 'react';
import {
  findSetting,
  settingApplies,
  type ConfigProblem,
  type ExperimentConfig,
  type SettingKey,
  type SettingSpec,
} from '../../../core/config';
import { ClassroomLinks } from '../../page/ClassroomLinks';
import { Hideable } from '../../page/Hideable';
import { usePlayground } from '../../training/context';
import { ProblemsNotice } from '../ProblemsNotice';
import { AlgorithmNote } from './AlgorithmNote';
import { CopyLinkButton } from './CopyLinkButton';
import { CostNote } from './CostNote';
import { PresetSelect } from './PresetSelect';
import { KEY_SETTING_SPECS, KEY_SETTINGS, SETTING_GROUPS } from './settingGroups';
import { SettingField } from './SettingField';

function applying(specs: readonly SettingSpec[], config: ExperimentConfig): SettingSpec[] {
  return specs.filter((spec) => settingApplies(spec.key as SettingKey, config));
}

/** Whether a problem with the opened link is about a setting kept under "More settings". */
function concernsMore(problem: ConfigProblem): boolean {
  const key = findSetting(problem.setting)?.key as SettingKey | undefined;
  return key !== undefined && !KEY_SETTINGS.includes(key);
}

/**
 * The experiment's settings, beside the run: presets first, the settings that matter most always
 * in sight, every other one that means something for this experiment under "More settings"
 * (opened by itself when the link had a problem there). Settings that do not apply (conv filters
 * for sine waves) are left out, but keep their values in the link.
 */
export function SettingsPanel() {
  const problems = usePlayground((state) => state.settings.problems);
  const config = usePlayground((state) => state.settings.config);
  const headingId = useId();
  const groups = SETTING_GROUPS.map((group) => ({
    ...group,
    specs: applying(group.specs, config),
  })).filter((group) => group.specs.length > 0);
  return (
    <section className="settings-panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel-heading">
        Experiment
      </h2>
      <Hideable name="presets">
        <PresetSelect />
      </Hideable>
      <ProblemsNotice problems={problems} />
      <div className="settings-key">
        {applying(KEY_SETTING_SPECS, config).map((spec) => (
          <SettingField key={spec.key} spec={spec} />
        ))}
      </div>
      <CostNote />
      <AlgorithmNote />
      <Hideable name="more">
        <details className="settings-more" open={problems.some(concernsMore) || undefined}>
          <summary>More settings</summary>
          {groups.map((group) => (
            <fieldset key={group.id} className="settings-group">
              <legend>{group.title}</legend>
              {group.specs.map((spec) => (
                <SettingField key={spec.key} spec={spec} />
              ))}
            </fieldset>
          ))}
        </details>
      </Hideable>
      <Hideable name="links">
        <div className="settings-link">
          <CopyLinkButton />
          <ClassroomLinks />
          <p className="muted">
            The link holds every setting and the seed: opening it runs the same experiment. A change
            applies on Enter or when you leave the field, and starts a new run.
          </p>
        </div>
      </Hideable>
    </section>
  );
}

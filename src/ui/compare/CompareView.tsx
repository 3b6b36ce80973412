import { SETTINGS, type SettingSpec } from '../../core/config';
import { CopyLinkButton } from '../components/settings/CopyLinkButton';
import { SettingField } from '../components/settings/SettingField';
import type { PlaygroundState } from '../store/playgroundStore';
import { shownConfig } from '../store/viewingSlice';
import { usePlayground } from '../training/context';
import { AlgorithmGuide } from './AlgorithmGuide';
import { CompareResults } from './CompareResults';
import { isComparisonRun } from './comparedModels';
import { RunComparisonButton } from './RunComparisonButton';

const COMPARE_SPEC: SettingSpec = SETTINGS.find((spec) => spec.key === 'compare')!;

const selectComparing = (state: PlaygroundState) => isComparisonRun(shownConfig(state));

/**
 * Several algorithms trained side by side on the same seed and tasks: which to compare (a setting
 * like any other, so the link carries it), a button that runs them, and, while a comparison runs,
 * their losses, adaptation curves and a table of results.
 */
export function CompareView() {
  const comparing = usePlayground(selectComparing);
  return (
    <section className="card compare" aria-labelledby="compare-heading">
      <h2 id="compare-heading">Compare algorithms</h2>
      <p className="muted">
        Tick two or more algorithms and run them side by side: every meta-iteration each one trains
        on the same tasks from the same seed, with the settings above, and the held-out checks use
        the same new tasks for all of them and for the pretrained and from-scratch baselines. The
        comparison is part of the link.
      </p>
      <div className="compare-choose">
        <SettingField spec={COMPARE_SPEC} />
        <div className="compare-actions">
          <RunComparisonButton />
          <CopyLinkButton label="Copy comparison link" />
        </div>
      </div>
      <AlgorithmGuide />
      {comparing && <CompareResults />}
    </section>
  );
}

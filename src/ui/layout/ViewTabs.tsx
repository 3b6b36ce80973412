import { needsUserData } from '../../core/families/registry';
import { useState } from 'react';
import { ChartsPanel } from '../charts/ChartsPanel';
import { TaskLossChart } from '../charts/TaskLossChart';
import { isComparisonRun } from '../compare/comparedModels';
import { CompareView } from '../compare/CompareView';
import { MamlIntro } from '../components/MamlIntro';
import { DataPanel } from '../data/DataPanel';
import { OneShotPanel } from '../data/OneShotPanel';
import { InsightsPanel } from '../insights/InsightsPanel';
import { algorithmInfo } from '../../core/learners/registry';
import { awaitingData } from '../store/dataSlice';
import type { PlaygroundState } from '../store/playgroundStore';
import { enoughToCompare } from '../training/controller';
import { usePlayground } from '../training/context';
import { Tabs, type Tab } from './Tabs';

const selectComparing = (state: PlaygroundState) => isComparisonRun(state.run.config);
// A learner that does not adapt has no before and after per task to show.
const selectInnerLoop = (state: PlaygroundState) =>
  algorithmInfo(state.run.config.algorithm).adapts !== 'none';
// A family whose images come from the user's files has a tab to choose and check them.
const selectOmniglot = (state: PlaygroundState) => needsUserData(state.settings.config);
const selectDataOnStage = (state: PlaygroundState) => awaitingData(state.run, state.data);
const selectHasRuns = (state: PlaygroundState) => state.data.summary.oneShotRuns;

function OmniglotData() {
  const showRuns = usePlayground(selectHasRuns);
  return (
    <>
      <DataPanel />
      {showRuns && <OneShotPanel />}
    </>
  );
}

const CURVES: Tab = { id: 'curves', label: 'Learning curves', render: () => <ChartsPanel /> };
const BATCH: Tab = { id: 'batch', label: 'Meta-batch tasks', render: () => <TaskLossChart /> };
const COMPARE: Tab = { id: 'compare', label: 'Compare', render: () => <CompareView /> };
const INSIGHTS: Tab = {
  id: 'insights',
  label: 'Inside the learner',
  render: () => <InsightsPanel />,
};
const DATA: Tab = { id: 'data', label: 'Omniglot data', render: () => <OmniglotData /> };
const ABOUT: Tab = { id: 'about', label: 'About MAML', render: () => <MamlIntro /> };

/**
 * Every view that does not fit the first screen, one at a time, in a row of tabs right under it.
 * Only the chosen view is mounted, so the others cost nothing while training runs. A link to a
 * comparison opens on the comparison.
 */
export function ViewTabs() {
  const comparing = usePlayground(selectComparing);
  const innerLoop = usePlayground(selectInnerLoop);
  const omniglot = usePlayground(selectOmniglot);
  const dataOnStage = usePlayground(selectDataOnStage);
  const linkedComparison = usePlayground((state) => enoughToCompare(state.settings.config));
  const [selected, setSelected] = useState(linkedComparison ? COMPARE.id : CURVES.id);

  const tabs: Tab[] = [];
  if (!comparing) tabs.push(CURVES);
  if (!comparing && innerLoop) tabs.push(BATCH);
  tabs.push(COMPARE, INSIGHTS);
  if (omniglot && !dataOnStage) tabs.push(DATA);
  tabs.push(ABOUT);

  return (
    <section className="views" aria-label="More views">
      <Tabs label="Views" tabs={tabs} selected={selected} onSelect={setSelected} />
    </section>
  );
}

import { needsUserData } from '../../core/families/registry';
import { useState } from 'react';
import { ChartsPanel } from '../charts/ChartsPanel';
import { TaskLossChart } from '../charts/TaskLossChart';
import { isComparisonRun } from '../compare/comparedModels';
import { CompareView } from '../compare/CompareView';
import { MamlIntro } from '../components/MamlIntro';
import { DataPanel } from '../data/DataPanel';
import { FilesPanel } from '../files/FilesPanel';
import { OneShotPanel } from '../data/OneShotPanel';
import { InsightsPanel } from '../insights/InsightsPanel';
import { IterationView } from '../iteration/IterationView';
import { learnerOf } from '../charts/learner';
import { ParamSpaceView } from '../paramSpace/ParamSpaceView';
import { hasParameterPlane } from '../../core/families/parameterPlane';
import { algorithmInfo, hasInnerLoop } from '../../core/learners/registry';
import { awaitingData } from '../store/dataSlice';
import type { PlaygroundState } from '../store/playgroundStore';
import { shownConfig } from '../store/viewingSlice';
import { enoughToCompare } from '../training/controller';
import { usePlayground } from '../training/context';
import { isHideName } from '../page/pageParams';
import { usePageParams } from '../page/pageParamsContext';
import { Tabs, type Tab } from './Tabs';

// A comparison's results file shown in the charts has the Compare view too.
const selectComparing = (state: PlaygroundState) => isComparisonRun(shownConfig(state));
// A learner that does not adapt has no before and after per task to show.
const selectInnerLoop = (state: PlaygroundState) =>
  algorithmInfo(state.run.config.algorithm).adapts !== 'none';
// A learner with an inner loop (on functions or images) can be slowed down to one iteration.
const selectSteps = (state: PlaygroundState) => hasInnerLoop(learnerOf(state.run.config));
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
const PLANE: Tab = {
  id: 'param-space',
  label: 'Parameter space',
  render: () => <ParamSpaceView />,
};
const ITERATION: Tab = {
  id: 'iteration',
  label: 'One iteration',
  render: () => <IterationView />,
};
const DATA: Tab = { id: 'data', label: 'Omniglot data', render: () => <OmniglotData /> };
const FILES: Tab = { id: 'files', label: 'Save & export', render: () => <FilesPanel /> };
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
  const steps = usePlayground(selectSteps);
  const dataOnStage = usePlayground(selectDataOnStage);
  const linkedComparison = usePlayground((state) => enoughToCompare(state.settings.config));
  // A two-parameter run (a linear model) can be drawn whole on its (w, b) plane.
  const plane = usePlayground((state) => hasParameterPlane(state.run.config));
  const linkedPlane = usePlayground((state) => hasParameterPlane(state.settings.config));
  const [selected, setSelected] = useState(
    linkedPlane ? PLANE.id : linkedComparison ? COMPARE.id : CURVES.id,
  );
  const { hidden } = usePageParams();

  const tabs: Tab[] = [];
  if (!comparing) tabs.push(CURVES);
  if (!comparing && innerLoop) tabs.push(BATCH);
  if (steps) tabs.push(ITERATION);
  if (plane) tabs.push(PLANE);
  tabs.push(COMPARE, INSIGHTS);
  if (omniglot && !dataOnStage) tabs.push(DATA);
  tabs.push(FILES, ABOUT);
  // A link's hide= may leave out single views by their tab ids.
  const shown = tabs.filter((tab) => !(isHideName(tab.id) && hidden.includes(tab.id)));
  if (shown.length === 0) return null;

  return (
    <section className="views" aria-label="More views">
      <Tabs label="Views" tabs={shown} selected={selected} onSelect={setSelected} />
    </section>
  );
}

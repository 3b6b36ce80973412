import { MamlIntro } from './components/MamlIntro';
import { SiteHeader } from './components/SiteHeader';
import { TrainingPanel } from './components/TrainingPanel';
import { PlaygroundProvider } from './training/PlaygroundProvider';
import { ChartsPanel } from './charts/ChartsPanel';
import { FunctionView } from './functionView/FunctionView';
import { SettingsPanel } from './components/settings/SettingsPanel';
import { DataPanel } from './data/DataPanel';
import { OneShotPanel } from './data/OneShotPanel';
import { TaskViewer } from './taskView/TaskViewer';
import { CompareView } from './compare/CompareView';
import { isComparisonRun } from './compare/comparedModels';
import { InsightsPanel } from './insights/InsightsPanel';
import { RunSchedules } from './training/RunSchedules';
import type { PlaygroundState } from './store/playgroundStore';
import { usePlayground } from './training/context';

const selectOmniglot = (state: PlaygroundState) => state.settings.config.task === 'omniglot';
const selectSinusoidRun = (state: PlaygroundState) => state.run.config.task === 'sinusoid';
const selectHasRuns = (state: PlaygroundState) => state.data.summary.oneShotRuns;
const selectComparing = (state: PlaygroundState) => isComparisonRun(state.run.config);

/** Omniglot's data, next to the settings as soon as the task is chosen. */
function DataView() {
  return usePlayground(selectOmniglot) ? <DataPanel /> : null;
}

/** The function view for sine waves, the task viewer (and one-shot runs) for images. */
function TaskView() {
  const sinusoid = usePlayground(selectSinusoidRun);
  const showRuns = usePlayground((state) => selectOmniglot(state) && selectHasRuns(state));
  if (sinusoid) return <FunctionView />;
  return (
    <>
      <TaskViewer />
      {showRuns && <OneShotPanel />}
    </>
  );
}

/** A comparison draws its curves in the comparison view; a single run in the learning curves. */
function SingleRunCharts() {
  return usePlayground(selectComparing) ? null : <ChartsPanel />;
}

export function App() {
  return (
    <PlaygroundProvider>
      <RunSchedules />
      <SiteHeader />
      <main id="main" className="page">
        <TrainingPanel />
        <SettingsPanel />
        <DataView />
        <CompareView />
        <SingleRunCharts />
        <TaskView />
        <InsightsPanel />
        <MamlIntro />
      </main>
    </PlaygroundProvider>
  );
}

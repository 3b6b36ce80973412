import { MamlIntro } from './components/MamlIntro';
import { ProblemsNotice } from './components/ProblemsNotice';
import { SettingsTable } from './components/SettingsTable';
import { SiteHeader } from './components/SiteHeader';
import { TrainingPanel } from './components/TrainingPanel';
import { PlaygroundProvider } from './training/PlaygroundProvider';
import { ChartsPanel } from './charts/ChartsPanel';
import { FunctionView } from './functionView/FunctionView';
import { SettingsPanel } from './components/settings/SettingsPanel';
import { usePlayground } from './training/context';

function SettingsCard() {
  const config = usePlayground((state) => state.settings.config);
  const problems = usePlayground((state) => state.settings.problems);
  return (
    <section className="card" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Experiment settings</h2>
      <p className="muted">
        Settings are read from the page address, for example <code>?shots=5&amp;innerLr=0.02</code>,
        so a link shares a whole experiment. Anything not in the link keeps its default.
      </p>
      <ProblemsNotice problems={problems} config={config} />
      <SettingsTable config={config} />
    </section>
  );
}

export function App() {
  return (
    <PlaygroundProvider>
      <SiteHeader />
      <main id="main" className="page">
        <TrainingPanel />
        <SettingsPanel />
        <ChartsPanel />
        <FunctionView />
        <MamlIntro />
        <SettingsCard />
      </main>
    </PlaygroundProvider>
  );
}

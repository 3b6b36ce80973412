import { MamlIntro } from './components/MamlIntro';
import { SiteHeader } from './components/SiteHeader';
import { TrainingPanel } from './components/TrainingPanel';
import { PlaygroundProvider } from './training/PlaygroundProvider';
import { ChartsPanel } from './charts/ChartsPanel';
import { FunctionView } from './functionView/FunctionView';
import { SettingsPanel } from './components/settings/SettingsPanel';

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
      </main>
    </PlaygroundProvider>
  );
}

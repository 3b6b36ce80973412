import { MamlIntro } from './components/MamlIntro';
import { ProblemsNotice } from './components/ProblemsNotice';
import { SettingsTable } from './components/SettingsTable';
import { SiteHeader } from './components/SiteHeader';
import { useUrlSettings } from './useUrlSettings';

export function App() {
  const { config, problems } = useUrlSettings();
  return (
    <>
      <SiteHeader />
      <main id="main" className="page">
        <MamlIntro />
        <section className="card" aria-labelledby="settings-heading">
          <h2 id="settings-heading">Experiment settings</h2>
          <p className="muted">
            Settings are read from the page address, for example{' '}
            <code>?shots=5&amp;innerLr=0.02</code>, so a link shares a whole experiment. Anything
            not in the link keeps its default.
          </p>
          <ProblemsNotice problems={problems} config={config} />
          <SettingsTable config={config} />
        </section>
      </main>
    </>
  );
}

import { RunBar } from './components/RunBar';
import { SettingsPanel } from './components/settings/SettingsPanel';
import { SiteHeader } from './components/SiteHeader';
import { Stage } from './layout/Stage';
import { ViewTabs } from './layout/ViewTabs';
import { LessonPanel } from './lessons/LessonPanel';
import { Hideable } from './page/Hideable';
import { PageParamsProvider } from './page/PageParamsProvider';
import { SettingsPlace } from './page/SettingsPlace';
import { PlaygroundProvider } from './training/PlaygroundProvider';

/**
 * The playground as one screen: the run's controls and status on top, a new task being learned
 * and the learning curve beside them, the settings at the side, every other view in tabs below.
 * In the page's order the run comes first, so on a phone Start and the status lead.
 */
export function App() {
  return (
    <PlaygroundProvider>
      <PageParamsProvider>
        <Hideable name="header">
          <SiteHeader />
        </Hideable>
        <main id="main" className="playground">
          <RunBar />
          <LessonPanel />
          <Stage />
          <Hideable name="settings">
            <SettingsPlace>
              <SettingsPanel />
            </SettingsPlace>
          </Hideable>
          <Hideable name="tabs">
            <ViewTabs />
          </Hideable>
        </main>
      </PageParamsProvider>
    </PlaygroundProvider>
  );
}

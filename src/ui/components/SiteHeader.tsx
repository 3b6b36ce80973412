import { Hideable } from '../page/Hideable';
import { LearnMenu } from '../lessons/LearnMenu';
import { HelpDialog } from './HelpDialog';

/** A slim bar, so the first screen belongs to the experiment: the name, a line, and Help. */
export function SiteHeader() {
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="site-header-row">
        <h1>Meta-Learning Playground</h1>
        <p className="tagline">Watch a network learn how to learn, live in your browser.</p>
        <LearnMenu />
        <Hideable name="help">
          <HelpDialog />
        </Hideable>
      </div>
    </header>
  );
}

import { Hideable } from '../page/Hideable';
import { PageNotice } from '../page/PageNotice';
import { useHidden } from '../page/pageParamsContext';
import { useController } from '../training/context';
import { useKeyboardShortcuts } from '../training/useKeyboardShortcuts';
import { BackendsPanel } from './BackendsPanel';
import { RunAlerts } from './RunAlerts';
import { RunControls } from './RunControls';
import { StatusBar } from './StatusBar';

/**
 * The run's controls, its one-line status and the backends, always at the top of the experiment;
 * anything that needs attention right under them.
 */
export function RunBar() {
  // The keys stand for the controls: a link that hides the controls turns them off too.
  useKeyboardShortcuts(useController(), !useHidden('controls'));
  return (
    <section className="run-bar" aria-label="Training">
      <div className="run-bar-row">
        <Hideable name="controls">
          <RunControls />
        </Hideable>
        <Hideable name="status">
          <StatusBar />
        </Hideable>
        <Hideable name="backends">
          <BackendsPanel />
        </Hideable>
      </div>
      <PageNotice />
      <RunAlerts />
    </section>
  );
}

import { useController } from '../training/context';
import { useKeyboardShortcuts } from '../training/useKeyboardShortcuts';
import { BackendsPanel } from './BackendsPanel';
import { RunAlerts } from './RunAlerts';
import { RunControls } from './RunControls';
import { ShortcutsHelp } from './ShortcutsHelp';
import { StatusBar } from './StatusBar';

/** The controls and live status of the current training run. */
export function TrainingPanel() {
  useKeyboardShortcuts(useController());
  return (
    <section className="card" aria-labelledby="training-heading">
      <h2 id="training-heading">Training</h2>
      <div className="toolbar">
        <RunControls />
      </div>
      <StatusBar />
      <RunAlerts />
      <BackendsPanel />
      <ShortcutsHelp />
    </section>
  );
}

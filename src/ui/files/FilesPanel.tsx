import { CheckpointsSection } from '../checkpoints/CheckpointsSection';
import { PyTorchExport } from '../pytorch/PyTorchExport';
import { ResultsFiles } from '../results/ResultsFiles';
import './files.css';

/**
 * Everything that keeps a run beyond this tab: its results as a file (and opening one), checkpoints
 * to resume from exactly, and the same experiment as a PyTorch script for bigger machines.
 */
export function FilesPanel() {
  return (
    <div className="files-panel">
      <ResultsFiles />
      <CheckpointsSection />
      <PyTorchExport />
    </div>
  );
}

import { useId, useMemo } from 'react';
import { downloadBlob } from '../charts/export/download';
import type { PlaygroundState } from '../store/playgroundStore';
import { usePlayground } from '../training/context';
import { pytorchScript } from '../../core/export/pytorchScript';
import { needsUserData } from '../../core/families/registry';

const selectConfig = (state: PlaygroundState) => state.settings.config;

/**
 * The current settings as one Python file that runs the same experiment with PyTorch, for a user
 * who outgrows the page: a GPU when there is one, or several with torchrun. Settings the script
 * cannot honour are named with the reason, and nothing is downloaded.
 */
export function PyTorchExport() {
  const config = usePlayground(selectConfig);
  const script = useMemo(() => pytorchScript(config), [config]);
  const reasonId = useId();
  // Omniglot's images are the user's: the script reads the same zips, named on its command line.
  const data = needsUserData(config) ? ' --omniglot images_background.zip' : '';

  const download = () => {
    if (!script.ok) return;
    downloadBlob(new Blob([script.text], { type: 'text/x-python' }), script.fileName);
  };

  return (
    <section className="card" aria-labelledby="pytorch-heading">
      <h3 id="pytorch-heading">PyTorch script</h3>
      <p className="muted">
        The same experiment (settings, tasks, held-out evaluation) as one Python file that needs
        only PyTorch. Run it with <code>python3 experiment.py{data} --out results.json</code>, or on
        several GPUs with{' '}
        <code>torchrun --nproc_per_node 2 experiment.py{data} --out results.json</code>; the results
        file opens here.
      </p>
      <button
        type="button"
        className="button"
        disabled={!script.ok}
        aria-describedby={script.ok ? undefined : reasonId}
        onClick={download}
      >
        Export as PyTorch script
      </button>
      {!script.ok && (
        <p id={reasonId} className="notice" role="status">
          {script.reason}
        </p>
      )}
    </section>
  );
}

import type { PlaygroundState } from '../store/playgroundStore';
import { useController, usePlayground } from '../training/context';
import { DataProblemAlert } from './DataProblemAlert';
import { DataSummaryView } from './DataSummaryView';
import { FilePicker } from './FilePicker';

const OMNIGLOT_REPOSITORY = 'https://github.com/brendenlake/omniglot';

const selectData = (state: PlaygroundState) => state.data;
const selectTrained = (state: PlaygroundState) => state.run.iteration > 0;

/**
 * Omniglot comes from zip files the user chooses: the worker reads them here, in the browser, and
 * says what they hold. Shown while the experiment's task is omniglot.
 */
export function DataPanel() {
  const controller = useController();
  const dismiss = usePlayground((state) => state.dismissDataProblem);
  const unreadable = usePlayground((state) => state.dataUnreadable);
  const { summary, pending, problem } = usePlayground(selectData);
  const trained = usePlayground(selectTrained);
  const reading = pending.filter((request) => request.name !== null);

  const load = (files: readonly File[]) => {
    void (async () => {
      // One at a time, in the order chosen, so the summary grows in that order.
      for (const file of files) {
        try {
          controller.loadData(file.name, await file.arrayBuffer());
        } catch (error) {
          unreadable({
            name: file.name,
            message: `the browser could not read it (${String(error)})`,
          });
        }
      }
    })();
  };

  return (
    <section className="card data-panel" aria-labelledby="data-heading">
      <h2 id="data-heading">Omniglot data</h2>
      <p>
        Omniglot (Lake et al., 2015) holds 1,623 handwritten characters from 50 alphabets, each
        drawn by 20 people. Download its zip files from the{' '}
        <a href={OMNIGLOT_REPOSITORY} rel="noreferrer">
          public Omniglot repository
        </a>{' '}
        and choose them here; they are read in this browser and never uploaded.
      </p>
      <ul className="data-choices">
        <li>
          <code>images_background.zip</code> (30 alphabets), or its small subsets{' '}
          <code>images_background_small1.zip</code> and <code>images_background_small2.zip</code>:
          the characters to meta-train on. One of these is needed to start.
        </li>
        <li>
          <code>images_evaluation.zip</code> (20 other alphabets): new characters to test on.
          Without it, some training alphabets are held out instead.
        </li>
        <li>
          <code>all_runs.zip</code>: the 20 standard 20-way one-shot runs, to compare with people
          and published models.
        </li>
      </ul>
      <FilePicker onFiles={load} busy={reading.length > 0} />
      <p className="data-status" role="status">
        {reading.length > 0
          ? `Reading ${reading.map((request) => request.name).join(', ')}…`
          : summary.ready
            ? 'Ready: Omniglot runs can start.'
            : summary.archives.length > 0
              ? 'No alphabets archive yet: Omniglot runs need one to start.'
              : 'Nothing loaded yet.'}
      </p>
      {problem !== null && <DataProblemAlert problem={problem} onDismiss={dismiss} />}
      <DataSummaryView summary={summary} />
      {summary.archives.length > 0 && (
        <p className="button-row">
          <button
            type="button"
            className="button"
            disabled={reading.length > 0}
            onClick={() => {
              controller.clearData();
            }}
          >
            Clear loaded data
          </button>
        </p>
      )}
      {trained && summary.archives.length > 0 && (
        <p className="muted">
          A run keeps the archives that were loaded when it started; Reset starts it again with
          those loaded now.
        </p>
      )}
    </section>
  );
}

import { useId, useState, type ChangeEvent } from 'react';
import { downloadBlob } from '../charts/export/download';
import type { PlaygroundState } from '../store/playgroundStore';
import { useController, usePlayground, usePlaygroundStore } from '../training/context';
import { checkResultsSize, openResultsText, unreadable, type OpenedResults } from './openResults';
import { pageResults, resultsFileText } from './pageResults';
import './results.css';

const selectHasRun = (state: PlaygroundState) => state.run.iteration > 0;
const selectShowResults = (state: PlaygroundState) => state.showResults;

/** "results-maml-iteration-30.json": what and how far, so downloads do not overwrite each other. */
function fileNameOf(state: PlaygroundState): string {
  const { config, iteration } = state.run;
  const seeds = config.seeds > 1 ? state.seeds.finished.length : 0;
  const many = seeds > 0 ? `-${seeds}-seeds` : '';
  return `results-${config.algorithm}${many}-iteration-${iteration}.json`;
}

/** The chosen file read and checked; a file the browser cannot read is refused like a bad one. */
async function readResultsFile(file: File): Promise<OpenedResults> {
  let text: string;
  try {
    text = await file.text();
  } catch (error) {
    return unreadable(file.name, error);
  }
  return openResultsText(file.name, text);
}

/**
 * The run as one results file, in the runner's format, and any such file (the runner's or a page's)
 * opened read-only in the charts. A file that is not one is refused with the reason, and nothing
 * on the page changes.
 */
export function ResultsFiles() {
  const store = usePlaygroundStore();
  const controller = useController();
  const hasRun = usePlayground(selectHasRun);
  const showResults = usePlayground(selectShowResults);
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = useId();

  const download = async () => {
    // The network comes from the worker, between two iterations; without a run to ask, none.
    const saved = await controller.requestSavedRun();
    const parameters = (saved?.parameters ?? []).map((values) => Array.from(values));
    const state = store.getState();
    const text = resultsFileText(pageResults(state, parameters));
    downloadBlob(new Blob([text], { type: 'application/json' }), fileNameOf(state));
  };

  const open = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    // The same file may be chosen again after it is closed.
    input.value = '';
    if (file === undefined) return;
    const opened = checkResultsSize(file.name, file.size) ?? (await readResultsFile(file));
    if (!opened.ok) {
      setProblem(opened.message);
      return;
    }
    setProblem(null);
    showResults(file.name, opened.results);
  };

  return (
    <section className="card results-files" aria-labelledby="results-heading">
      <h3 id="results-heading">Results</h3>
      <p className="muted">
        The whole run as one JSON file, in the same format as the runner&apos;s <code>--out</code>:
        settings, every iteration&apos;s training loss, the latest held-out evaluation. Opening a
        results file, the runner&apos;s or one saved here, shows it in the charts, read-only.
      </p>
      <div className="results-actions">
        <button type="button" className="button" disabled={!hasRun} onClick={() => void download()}>
          Download results (JSON)
        </button>
        <div>
          <label htmlFor={inputId}>Open results…</label>{' '}
          <input
            id={inputId}
            type="file"
            accept=".json,application/json"
            onChange={(event) => {
              void open(event);
            }}
          />
        </div>
      </div>
      {problem !== null && (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}

/**
 * Opening a results file on the page: a runner's `--out` or a page download, checked whole by the
 * same reader the runner's tools use before anything is shown.
 */
import { parseResults, type Results } from '../../core/results/resultsFile';

/** Larger than any results file a run writes (a big network's parameters included). */
export const MAX_RESULTS_BYTES = 256 * 1024 * 1024;

export type OpenedResults =
  | { readonly ok: true; readonly results: Results }
  | { readonly ok: false; readonly message: string };

function refused(fileName: string, reason: string): OpenedResults {
  return { ok: false, message: `Could not open ${fileName}: ${reason}. Nothing changed.` };
}

/** A file too large to be a results file is refused before it is read. */
export function checkResultsSize(fileName: string, bytes: number): OpenedResults | null {
  return bytes > MAX_RESULTS_BYTES
    ? refused(fileName, `at ${bytes} bytes it is larger than any results file`)
    : null;
}

/** The browser could not read the file (moved, or no permission). */
export function unreadable(fileName: string, error: unknown): OpenedResults {
  const reason = error instanceof Error ? error.message : String(error);
  return refused(fileName, `the browser could not read it (${reason})`);
}

/** The file's text read as results, or why it cannot be. */
export function openResultsText(fileName: string, text: string): OpenedResults {
  const read = parseResults(text);
  return read.ok ? { ok: true, results: read.results } : refused(fileName, read.message);
}

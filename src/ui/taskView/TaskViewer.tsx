import type { PlaygroundState } from '../store/playgroundStore';
import { useLearnerLabel } from '../charts/learner';
import { formatCount, stepsText } from '../charts/format';
import { awaitingData } from '../store/dataSlice';
import { sessionReady } from '../training/controller';
import { useController, usePlayground } from '../training/context';
import { ClassAccuracyTable } from './ClassAccuracyTable';
import { ClassRows } from './ClassRows';
import { classRows } from './taskViewModel';
import { useFollowTask } from './useFollowTask';

const selectInspect = (state: PlaygroundState) => state.inspect;
const selectReady = (state: PlaygroundState) => sessionReady(state.run);

/**
 * The classification counterpart of the function view: one held-out task at a time (the first one
 * as soon as the run is ready), with its support images by class and every query image's label
 * before and after the learner adapts, refreshed as training goes on.
 */
export function TaskViewer() {
  useFollowTask();
  const controller = useController();
  const { task, taskRequest, shown, taskProblem } = usePlayground(selectInspect);
  const ready = usePlayground(selectReady);
  const needsData = usePlayground((state) => awaitingData(state.run, state.data));
  const learner = useLearnerLabel();
  const view = shown?.view ?? null;
  const rows = view === null ? [] : classRows(view);

  // The live part names the task; the iteration, which changes with every refresh, stays quiet.
  let status: string;
  let detail = '';
  if (shown !== null && view !== null) {
    status =
      `Held-out task ${shown.task + 1}: ${view.ways} classes, ${view.shots} support and ` +
      `${view.queries} query images each.`;
    const adapting =
      view.steps > 0
        ? `: upper label before, lower after ${stepsText(view.steps)} of fine-tuning`
        : ', by the nearest class mean of the support images, with no fine-tuning';
    detail = ` Labelled by ${learner} as of iteration ${formatCount(shown.iteration)}${adapting}.`;
  } else if (taskRequest !== null) status = 'Asking the training worker for a held-out task…';
  else if (needsData) status = 'Load Omniglot data to see a held-out task.';
  else status = 'A held-out task appears here once the run has its backend.';
  if (taskProblem !== null) detail += ` The task asked for last could not be shown: ${taskProblem}`;

  return (
    <section className="card task-viewer" aria-labelledby="task-viewer-heading">
      <div className="task-viewer-head">
        <h2 id="task-viewer-heading">Labelling a new task</h2>
        <div className="button-row" role="group" aria-label="Task shown">
          <button
            type="button"
            className="button"
            disabled={!ready || task === null || task === 0}
            onClick={() => {
              controller.inspectTask((task ?? 1) - 1);
            }}
          >
            Previous task
          </button>
          <button
            type="button"
            className="button"
            disabled={!ready || task === null}
            onClick={() => {
              controller.inspectTask((task ?? -1) + 1);
            }}
          >
            Next task
          </button>
        </div>
      </div>
      <details className="task-viewer-about">
        <summary>How to read it</summary>
        <p>
          Each task asks the learner to tell apart a few characters it has never seen, from one or a
          few labelled examples of each (the <em>support</em> images, boxed). It then labels the{' '}
          <em>query</em> images: a check mark (green) is right, a cross (red) wrong. A starting
          point learned by meta-learning should get most of them right after adapting.
        </p>
      </details>
      <p className="task-viewer-status muted">
        <span aria-live="polite">{status}</span>
        {detail}
      </p>
      {view !== null && (
        <>
          <ClassRows view={view} rows={rows} />
          <details className="task-viewer-table">
            <summary>Right and wrong per class</summary>
            <ClassAccuracyTable rows={rows} steps={view.steps} />
          </details>
        </>
      )}
    </section>
  );
}

import { awaitingData } from '../store/dataSlice';
import type { WorkerFailureKind } from '../store/runSlice';
import { useController, usePlayground } from '../training/context';
import { BudgetNotice } from './BudgetNotice';
import { SeedsNotice } from './SeedsNotice';
import { ViewingNotice } from '../results/ViewingNotice';

const WORKER_FAILURE_TITLES: Readonly<Record<WorkerFailureKind, string>> = {
  crashed: 'The training worker stopped working',
  silent: 'The training worker stopped working',
  outOfMemory: 'Training stopped: out of memory',
};

/** A crashed, silent or out-of-memory worker: say so, and offer a fresh one. */
function WorkerFailureAlert({
  message,
  kind,
}: {
  readonly message: string;
  readonly kind: WorkerFailureKind;
}) {
  const controller = useController();
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{WORKER_FAILURE_TITLES[kind]}</p>
      <p>{message}</p>
      <p>
        <button
          type="button"
          className="button"
          onClick={() => {
            controller.restartWorker();
          }}
        >
          Restart worker
        </button>
      </p>
    </div>
  );
}

/** A backend failed mid-run: the message, and the way to go on elsewhere if there is one. */
function RecoveryAlert() {
  const controller = useController();
  const message = usePlayground((state) => state.run.error);
  const nextBackend = usePlayground((state) => state.run.recovery?.nextBackend ?? null);
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">Training stopped: a backend failed</p>
      <p>{message}</p>
      {nextBackend === null ? (
        <p>No other backend is left to continue on.</p>
      ) : (
        <p>
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              controller.continueOnNextBackend();
            }}
          >
            Continue on {nextBackend}
          </button>
        </p>
      )}
    </div>
  );
}

/** An Omniglot run waits for its images: nothing is broken, the user has a file to choose. */
function AwaitingDataNotice({ message }: { readonly message: string | null }) {
  return (
    <div className="notice notice-calm" role="status">
      <p className="notice-title">Omniglot needs its images before this run can start</p>
      <p>
        Choose <code>images_background.zip</code> (or one of its small subsets) under{' '}
        <strong>Omniglot data</strong> below; the run is set up again as soon as it is read.
      </p>
      {message !== null && <p className="muted">The training worker said: {message}</p>}
    </div>
  );
}

/**
 * Everything that went wrong or needs attention. Failures are alerts; a diverged run and notes
 * about recovery are calm notices, since nothing is broken.
 */
export function RunAlerts() {
  const workerFailure = usePlayground((state) => state.run.workerFailure);
  const hasRecovery = usePlayground((state) => state.run.recovery !== null);
  const error = usePlayground((state) => state.run.error);
  const message = usePlayground((state) => state.run.message);
  const divergence = usePlayground((state) => state.run.divergence?.message ?? null);
  const needsData = usePlayground((state) => awaitingData(state.run, state.data));

  let alert = null;
  if (workerFailure !== null) {
    alert = <WorkerFailureAlert message={workerFailure.message} kind={workerFailure.kind} />;
  } else if (needsData) alert = <AwaitingDataNotice message={error} />;
  else if (hasRecovery) alert = <RecoveryAlert />;
  else if (error !== null) {
    alert = (
      <div className="notice notice-error" role="alert">
        <p className="notice-title">Training could not go on</p>
        <p>{error}</p>
      </div>
    );
  }

  return (
    <>
      <ViewingNotice />
      <BudgetNotice />
      <SeedsNotice />
      {alert}
      {divergence !== null && (
        <div className="notice notice-calm">
          <p className="notice-title">Training stopped early: the loss diverged</p>
          <p>{divergence}</p>
        </div>
      )}
      {message !== null && (
        <div className="notice notice-calm">
          <p>{message}</p>
        </div>
      )}
    </>
  );
}

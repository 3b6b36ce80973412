import type { DataProblem } from '../store/dataSlice';

interface DataProblemAlertProps {
  readonly problem: DataProblem;
  readonly onDismiss: () => void;
}

/** A file the worker could not use, named, with its reason; nothing else changed. */
export function DataProblemAlert({ problem, onDismiss }: DataProblemAlertProps) {
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">Could not use {problem.name}</p>
      <p className="data-problem-message">{problem.message}</p>
      <p>The experiment, its settings and its charts are as they were.</p>
      <p>
        <button type="button" className="button" onClick={onDismiss}>
          Dismiss
        </button>
      </p>
    </div>
  );
}

import type { StoredCheckpoint } from './checkpointShelf';

interface Props {
  readonly checkpoints: readonly StoredCheckpoint[];
  readonly busy: boolean;
  readonly onResume: (checkpoint: StoredCheckpoint) => void;
  readonly onDelete: (checkpoint: StoredCheckpoint) => void;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The checkpoints kept in this browser: name, date and iteration, each to resume or delete. */
export function StoredCheckpointList({ checkpoints, busy, onResume, onDelete }: Props) {
  if (checkpoints.length === 0) {
    return <p className="muted">No checkpoints are kept in this browser yet.</p>;
  }
  return (
    <table className="checkpoint-list">
      <caption>Checkpoints kept in this browser</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Saved</th>
          <th scope="col">Iteration</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {checkpoints.map((checkpoint) => (
          <tr key={checkpoint.id}>
            <th scope="row">{checkpoint.name}</th>
            <td>
              <time dateTime={new Date(checkpoint.savedAt).toISOString()}>
                {dateFormat.format(checkpoint.savedAt)}
              </time>
            </td>
            <td>{checkpoint.iteration}</td>
            <td className="checkpoint-actions">
              <button
                type="button"
                className="button"
                disabled={busy}
                aria-label={`Resume ${checkpoint.name}`}
                onClick={() => {
                  onResume(checkpoint);
                }}
              >
                Resume
              </button>
              <button
                type="button"
                className="button"
                disabled={busy}
                aria-label={`Delete ${checkpoint.name}`}
                onClick={() => {
                  onDelete(checkpoint);
                }}
              >
                Delete
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

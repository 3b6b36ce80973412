import { useId, useState, type ChangeEvent } from 'react';
import { downloadBlob } from '../charts/export/download';
import type { PlaygroundState } from '../store/playgroundStore';
import { sessionReady } from '../training/controller';
import { useController, usePlayground } from '../training/context';
import {
  deleteCheckpoint,
  storeCheckpoint,
  storedCheckpointText,
  type StoredCheckpoint,
} from './checkpointShelf';
import {
  checkpointFileName,
  checkpointText,
  defaultCheckpointName,
  readCheckpointText,
} from './checkpointText';
import { StoredCheckpointList } from './StoredCheckpointList';
import { useStoredCheckpoints } from './useStoredCheckpoints';
import './checkpoints.css';

/** Larger than any checkpoint the cost budget allows: a file this big is not one. */
const MAX_FILE_BYTES = 1024 * 1024 * 1024;

const selectReady = (state: PlaygroundState) => sessionReady(state.run);
const selectDefaultName = (state: PlaygroundState) =>
  defaultCheckpointName(state.run.config, state.run.iteration);

/** Set for a run of several seeds, which no checkpoint holds (the runner refuses --save too). */
const selectSeedsRefusal = (state: PlaygroundState) =>
  state.run.config.seeds > 1
    ? `Saving is off for a run of ${state.run.config.seeds} seeds: a checkpoint holds one run ` +
      'of one seed. Set seeds to 1 to save one.'
    : null;

type Note = { readonly kind: 'done' | 'problem'; readonly text: string } | null;

/**
 * The whole training state (settings, iteration, parameters, optimiser state, random streams and
 * every iteration's numbers so far) saved in this browser or as a file, and resumed exactly:
 * training on gives, bit for bit, the numbers of a run never interrupted on the same backend.
 */
export function CheckpointsSection() {
  const controller = useController();
  const ready = usePlayground(selectReady);
  const defaultName = usePlayground(selectDefaultName);
  const seedsRefusal = usePlayground(selectSeedsRefusal);
  const refusalId = useId();
  const stored = useStoredCheckpoints();
  const [editedName, setEditedName] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>(null);
  const nameId = useId();
  const fileId = useId();
  const name = editedName ?? defaultName;
  const savable = ready && !busy && seedsRefusal === null;

  /** Runs one action at a time; what it returns (or throws) is the note shown after it. */
  const act = async (action: () => Promise<Note>) => {
    setBusy(true);
    try {
      setNote(await action());
    } catch (error) {
      setNote({ kind: 'problem', text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  const takeCheckpoint = async () => {
    const saved = await controller.requestSavedRun();
    if (saved === null) throw new Error('There is no run to save: wait until it is ready.');
    return { saved, text: checkpointText(saved) };
  };

  const save = () =>
    act(async () => {
      const { saved, text } = await takeCheckpoint();
      const checkpointName = name.trim() || defaultName;
      const { iteration } = saved.snapshot;
      await storeCheckpoint({ name: checkpointName, savedAt: Date.now(), iteration }, text);
      setEditedName(null);
      await stored.refresh();
      return { kind: 'done', text: `Saved “${checkpointName}” in this browser.` };
    });

  const download = () =>
    act(async () => {
      const { text } = await takeCheckpoint();
      const fileName = checkpointFileName(name.trim() || defaultName);
      downloadBlob(new Blob([text], { type: 'application/json' }), fileName);
      return { kind: 'done', text: `Downloaded ${fileName}.` };
    });

  /** Resumes checkpoint text called `from`, or says why it cannot, changing nothing. */
  const resumeText = (text: string, from: string): Note => {
    const read = readCheckpointText(text);
    if (!read.ok) return { kind: 'problem', text: `“${from}” cannot be resumed: ${read.message}.` };
    controller.resumeSavedRun(read.saved, from);
    const { iteration } = read.saved.snapshot;
    return { kind: 'done', text: `Resumed “${from}” at iteration ${iteration}.` };
  };

  const resumeFile = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    // The same file may be chosen again.
    input.value = '';
    if (file === undefined) return;
    void act(async () => {
      if (file.size > MAX_FILE_BYTES) {
        return { kind: 'problem', text: `“${file.name}” cannot be resumed: it is far too large.` };
      }
      return resumeText(await file.text(), file.name);
    });
  };

  const resumeStored = (checkpoint: StoredCheckpoint) =>
    act(async () => {
      const text = await storedCheckpointText(checkpoint.id);
      if (text === null) {
        await stored.refresh();
        return { kind: 'problem', text: `“${checkpoint.name}” is no longer kept here.` };
      }
      return resumeText(text, checkpoint.name);
    });

  const remove = (checkpoint: StoredCheckpoint) =>
    act(async () => {
      await deleteCheckpoint(checkpoint.id);
      await stored.refresh();
      return { kind: 'done', text: `Deleted “${checkpoint.name}”.` };
    });

  return (
    <section className="card checkpoints" aria-labelledby="checkpoints-heading">
      <h3 id="checkpoints-heading">Checkpoints</h3>
      <p className="muted">
        The whole training state: settings, iteration, parameters, optimiser state, random streams
        and every iteration&apos;s numbers so far. Resuming one trains on exactly as the run would
        have, bit for bit on the same backend.
      </p>
      <div className="checkpoint-save">
        <label htmlFor={nameId}>Checkpoint name</label>
        <input
          id={nameId}
          type="text"
          value={name}
          onChange={(event) => {
            setEditedName(event.currentTarget.value);
          }}
        />
        <div className="button-row">
          <button
            type="button"
            className="button"
            disabled={!savable || stored.unavailable !== null}
            aria-describedby={seedsRefusal === null ? undefined : refusalId}
            onClick={() => void save()}
          >
            Save checkpoint
          </button>
          <button
            type="button"
            className="button"
            disabled={!savable}
            aria-describedby={seedsRefusal === null ? undefined : refusalId}
            onClick={() => void download()}
          >
            Download checkpoint
          </button>
        </div>
        {seedsRefusal !== null && (
          <p id={refusalId} className="checkpoint-refusal">
            {seedsRefusal}
          </p>
        )}
        <div>
          <label htmlFor={fileId}>Resume from file…</label>{' '}
          <input
            id={fileId}
            type="file"
            accept=".json,application/json"
            disabled={busy}
            onChange={resumeFile}
          />
        </div>
      </div>
      {note !== null && (
        <p
          className={note.kind === 'problem' ? 'notice notice-error' : 'notice notice-calm'}
          role={note.kind === 'problem' ? 'alert' : 'status'}
        >
          {note.text}
        </p>
      )}
      {stored.unavailable !== null ? (
        <p className="notice notice-error" role="alert">
          {stored.unavailable} Checkpoints can still be downloaded as files.
        </p>
      ) : (
        <StoredCheckpointList
          checkpoints={stored.list}
          busy={busy}
          onResume={(checkpoint) => void resumeStored(checkpoint)}
          onDelete={(checkpoint) => void remove(checkpoint)}
        />
      )}
    </section>
  );
}

import { useId, useState, type DragEvent } from 'react';

interface FilePickerProps {
  readonly onFiles: (files: readonly File[]) => void;
  readonly busy: boolean;
}

function hasFiles(event: DragEvent): boolean {
  return event.dataTransfer.types.includes('Files');
}

/**
 * A labelled file input for zip files, inside a zone that also takes files dropped on it. The
 * input is the keyboard's way in; the drop zone is a convenience around it.
 */
export function FilePicker({ onFiles, busy }: FilePickerProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const [dragging, setDragging] = useState(false);
  return (
    <div
      className={`drop-zone${dragging ? ' drop-zone-active' : ''}`}
      onDragEnter={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={(event) => {
        // Leaving for a child of the zone is not leaving the zone.
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        onFiles([...event.dataTransfer.files]);
      }}
    >
      <label htmlFor={id} className="drop-zone-label">
        Omniglot zip files
      </label>
      <input
        id={id}
        type="file"
        multiple
        accept=".zip,application/zip"
        aria-describedby={hintId}
        onChange={(event) => {
          const input = event.currentTarget;
          onFiles([...(input.files ?? [])]);
          // Choosing the same file again (after Clear) must still fire a change.
          input.value = '';
        }}
      />
      <span id={hintId} className="drop-zone-hint">
        {busy ? 'Reading…' : 'Choose one or more zip files, or drop them here.'}
      </span>
    </div>
  );
}

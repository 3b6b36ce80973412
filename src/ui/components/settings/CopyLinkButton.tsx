import { useEffect, useRef, useState } from 'react';
import { linkFor } from '../../store/settingsSlice';
import { usePlayground } from '../../training/context';

type Outcome =
  | { readonly kind: 'none' }
  | { readonly kind: 'copied'; readonly link: string }
  | { readonly kind: 'manual'; readonly link: string };

/** How long "Link copied" stays on screen. */
const COPIED_MESSAGE_MS = 4000;

/**
 * Copies the full link of this experiment (every setting and the schema version). If the browser
 * refuses, the link is shown selected in a read-only box to copy by hand.
 */
export function CopyLinkButton({ label = 'Copy link' }: { readonly label?: string }) {
  const config = usePlayground((state) => state.settings.config);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const fieldRef = useRef<HTMLInputElement>(null);
  const link = linkFor(config);
  // Once the settings change, an earlier link is no longer this experiment's: forget it.
  const shown = outcome.kind !== 'none' && outcome.link === link ? outcome : null;

  useEffect(() => {
    if (shown?.kind === 'manual') {
      fieldRef.current?.focus();
      fieldRef.current?.select();
    }
    if (shown?.kind !== 'copied') return;
    const timer = setTimeout(() => {
      setOutcome({ kind: 'none' });
    }, COPIED_MESSAGE_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [shown]);

  const copy = async () => {
    setOutcome({ kind: 'none' });
    try {
      await navigator.clipboard.writeText(link);
      setOutcome({ kind: 'copied', link });
    } catch {
      setOutcome({ kind: 'manual', link });
    }
  };

  return (
    <div className="copy-link">
      <button
        type="button"
        className="button"
        onClick={() => {
          void copy();
        }}
      >
        {label}
      </button>
      <span role="status" className="copy-link-status">
        {shown?.kind === 'copied' && 'Link copied'}
        {shown?.kind === 'manual' &&
          'Could not copy automatically. The link is selected below: press Ctrl+C (⌘C on a Mac).'}
      </span>
      {shown?.kind === 'manual' && (
        <input
          ref={fieldRef}
          className="setting-input copy-link-field"
          aria-label="Link to this experiment"
          type="text"
          readOnly
          value={shown.link}
          onFocus={(event) => {
            event.currentTarget.select();
          }}
        />
      )}
    </div>
  );
}

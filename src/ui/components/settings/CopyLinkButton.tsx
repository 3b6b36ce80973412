import { useEffect, useRef, useState } from 'react';
import type { ExperimentConfig } from '../../../core/config';
import { linkFor } from '../../store/settingsSlice';
import { usePlayground } from '../../training/context';

type Outcome =
  | { readonly kind: 'none' }
  | { readonly kind: 'copied'; readonly link: string }
  | { readonly kind: 'manual'; readonly link: string };

/** How long "Link copied" stays on screen. */
const COPIED_MESSAGE_MS = 4000;

interface CopyLinkButtonProps {
  readonly label?: string;
  /** The link to copy for these settings; by default the address of this experiment. */
  readonly makeLink?: (config: ExperimentConfig) => string;
  /** Names the box the link is shown in when the browser refuses to copy. */
  readonly fieldLabel?: string;
}

/**
 * Copies the full link of this experiment (every setting and the schema version), or the link
 * `makeLink` makes of it. If the browser refuses, the link is shown selected in a read-only box to
 * copy by hand.
 */
export function CopyLinkButton({
  label = 'Copy link',
  makeLink = linkFor,
  fieldLabel = 'Link to this experiment',
}: CopyLinkButtonProps) {
  const config = usePlayground((state) => state.settings.config);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const fieldRef = useRef<HTMLInputElement>(null);
  const link = makeLink(config);
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
          aria-label={fieldLabel}
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

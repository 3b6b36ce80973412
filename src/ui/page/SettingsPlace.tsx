import { useRef, type ReactNode } from 'react';
import { usePageParams } from './pageParamsContext';

/**
 * Where the settings panel sits. In classroom mode it folds into a disclosure beside the run bar
 * (still one click or Enter away, Escape folds it again), so the stage takes the screen; otherwise
 * the panel is shown as it is.
 */
export function SettingsPlace({ children }: { readonly children: ReactNode }) {
  const { present } = usePageParams();
  const details = useRef<HTMLDetailsElement>(null);
  if (!present) return children;
  return (
    <details
      ref={details}
      className="classroom-settings"
      onKeyDown={(event) => {
        const element = details.current;
        if (event.key !== 'Escape' || element === null || !element.open) return;
        event.preventDefault();
        element.open = false;
        element.querySelector('summary')?.focus();
      }}
    >
      <summary>Experiment settings</summary>
      {children}
    </details>
  );
}

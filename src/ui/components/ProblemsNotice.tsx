import { useState } from 'react';
import type { ConfigProblem } from '../../core/config';

interface ProblemsNoticeProps {
  readonly problems: readonly ConfigProblem[];
}

/**
 * Lists what could not be used from the link that was opened, each with its reason and what was
 * used instead. Messages quote the link, so they are only ever rendered as text children, never
 * as markup. Dismissed problems stay hidden until a link is read again (Back, Forward, reload).
 */
export function ProblemsNotice({ problems }: ProblemsNoticeProps) {
  const [dismissed, setDismissed] = useState<ReadonlySet<ConfigProblem>>(() => new Set());
  const shown = problems.filter((problem) => !dismissed.has(problem));
  if (shown.length === 0) return null;
  const count = shown.length === 1 ? 'One value' : `${shown.length} values`;
  return (
    <div className="notice" role="alert">
      <p className="notice-title">
        {count} in this link could not be used. The controls show what is used instead.
      </p>
      <ul>
        {shown.map((problem, index) => (
          <li key={`${index}-${problem.setting}`}>{problem.message}</li>
        ))}
      </ul>
      <p>
        <button
          type="button"
          className="button"
          onClick={() => {
            setDismissed(new Set([...dismissed, ...shown]));
          }}
        >
          Dismiss
        </button>
      </p>
    </div>
  );
}

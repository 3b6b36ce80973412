import { useState, type ReactNode } from 'react';

interface LinkProblemsNoticeProps<Problem extends { readonly message: string }> {
  readonly problems: readonly Problem[];
  /** The notice's title, given how many problems it still shows. */
  readonly title: (shown: number) => ReactNode;
  /** A key for a problem's list item, unique beside its position. */
  readonly keyOf: (problem: Problem) => string;
  /** Extra class names beside `notice`. */
  readonly className?: string;
}

/**
 * Lists what could not be used of the link that was opened, one message per problem, until
 * dismissed. Messages quote the link, so they are only ever rendered as text children, never as
 * markup. Dismissed problems stay hidden until a link is read again (Back, Forward, reload).
 */
export function LinkProblemsNotice<Problem extends { readonly message: string }>({
  problems,
  title,
  keyOf,
  className,
}: LinkProblemsNoticeProps<Problem>) {
  const [dismissed, setDismissed] = useState<ReadonlySet<Problem>>(() => new Set());
  const shown = problems.filter((problem) => !dismissed.has(problem));
  if (shown.length === 0) return null;
  return (
    <div className={className === undefined ? 'notice' : `notice ${className}`} role="alert">
      <p className="notice-title">{title(shown.length)}</p>
      <ul>
        {shown.map((problem, index) => (
          <li key={`${index}-${keyOf(problem)}`}>{problem.message}</li>
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

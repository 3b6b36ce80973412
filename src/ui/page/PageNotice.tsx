import { useState } from 'react';
import { usePageParams } from './pageParamsContext';

/**
 * What could not be used of the link's `present` and `hide`, in the look of the settings' link
 * problems. Messages quote the link, so they are rendered only as text.
 */
export function PageNotice() {
  const { problems } = usePageParams();
  const [dismissed, setDismissed] = useState<ReadonlySet<object>>(() => new Set());
  const shown = problems.filter((problem) => !dismissed.has(problem));
  if (shown.length === 0) return null;
  return (
    <div className="notice page-notice" role="alert">
      <p className="notice-title">
        {shown.length === 1 ? 'A page option' : `${shown.length} page options`} in this link could
        not be used.
      </p>
      <ul>
        {shown.map((problem, index) => (
          <li key={`${index}-${problem.key}`}>{problem.message}</li>
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

import { useShallow } from 'zustand/react/shallow';
import { BACKEND_ORDER } from '../../worker/protocol';
import { usePlayground } from '../training/context';

/**
 * Which backend runs the maths and on what, and for every backend considered for this run,
 * whether it was used and why (the worker's reasons, shown as plain text).
 */
export function BackendsPanel() {
  const backend = usePlayground((state) => state.run.backend);
  const adapter = usePlayground((state) => state.run.adapter);
  const attempts = usePlayground((state) => state.run.attempts);
  const failures = usePlayground((state) => state.run.failures);
  const untried = usePlayground(
    useShallow((state) =>
      state.run.backend === null
        ? []
        : BACKEND_ORDER.filter(
            (name) =>
              !state.run.attempts.some((attempt) => attempt.backend === name) &&
              !state.run.failures.some((failure) => failure.backend === name),
          ),
    ),
  );

  return (
    <details className="backends">
      <summary>
        Backends{' '}
        <span className="muted">({backend === null ? 'choosing…' : `using ${backend}`})</span>
      </summary>
      <div className="backends-body">
        <p>
          <span className="backends-label">In use:</span>{' '}
          {backend === null ? (
            'none yet: a backend is being chosen and checked.'
          ) : (
            <>
              <strong>{backend}</strong>, on {adapter ?? 'an unknown device'}
            </>
          )}
        </p>
        {(failures.length > 0 || attempts.length > 0) && (
          <ul className="backend-list">
            {failures.map((failure, index) => (
              <li key={`failed-${index}`}>
                <span className="backend-name">{failure.backend}</span>{' '}
                <span className="backend-verdict verdict-failed">failed during this run</span>
                <span className="backend-reason">{failure.message}</span>
              </li>
            ))}
            {attempts.map((attempt) => (
              <li key={attempt.backend}>
                <span className="backend-name">{attempt.backend}</span>{' '}
                <span
                  className={`backend-verdict ${attempt.used ? 'verdict-used' : 'verdict-skipped'}`}
                >
                  {attempt.used ? 'used' : 'skipped'}
                </span>
                <span className="backend-reason">{attempt.reason}</span>
              </li>
            ))}
          </ul>
        )}
        {untried.length > 0 && (
          <p className="muted">Not tried for this run: {untried.join(', ')}.</p>
        )}
      </div>
    </details>
  );
}

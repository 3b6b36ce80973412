import { useController, usePlayground } from '../training/context';
import { backendRows } from './backendRows';
import './backends.css';

/** "skipped" and "failed" keep the look they always had; the measurement's verdicts are new. */
const VERDICT_CLASS = {
  used: 'verdict-used',
  slower: 'verdict-slower',
  skipped: 'verdict-skipped',
  failed: 'verdict-failed',
  measuring: 'verdict-measuring',
  unknown: 'verdict-unknown',
} as const;

/**
 * Which backend runs the maths and why, and every backend with its self-check and its measured
 * pace on this experiment (or the bound its cap gives), software renderers marked as such.
 */
export function BackendsPanel() {
  const controller = useController();
  const backend = usePlayground((state) => state.run.backend);
  const adapter = usePlayground((state) => state.run.adapter);
  const reason = usePlayground((state) => state.run.choiceReason);
  const failures = usePlayground((state) => state.run.failures);
  const measuring = usePlayground((state) => state.run.measuring);
  const note = usePlayground((state) => state.run.measurementNote);
  const earlier = usePlayground((state) => state.run.measuredEarlier);
  const named = usePlayground((state) => state.run.config.backend !== 'auto');
  const busy = usePlayground((state) => state.run.state === 'running');
  const attempts = usePlayground((state) => state.run.attempts);
  const measurements = usePlayground((state) => state.run.measurements);
  const rows = backendRows(backend, attempts, measurements, measuring);
  const anyMeasured = rows.some((row) => row.timing !== null);

  return (
    <details className="backends">
      <summary>
        Backends{' '}
        <span className="muted">
          ({backend === null ? 'choosing…' : `using ${backend}`}
          {measuring === null ? '' : `, measuring ${measuring.backend}…`})
        </span>
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
        {reason !== null && <p>{reason}</p>}
        <ul className="backend-list">
          {failures.map((failure, index) => (
            <li key={`failed-${index}`}>
              <span className="backend-name">{failure.backend}</span>{' '}
              <span className="backend-verdict verdict-failed">failed during this run</span>
              <span className="backend-reason">{failure.message}</span>
            </li>
          ))}
          {rows.map((row) => (
            <li key={row.backend}>
              <span className="backend-name">{row.backend}</span>{' '}
              <span className={`backend-verdict ${VERDICT_CLASS[row.kind]}`}>{row.verdict}</span>
              {row.software && <span className="backend-software">software renderer</span>}
              {row.adapter !== null && <span className="backend-adapter">{row.adapter}</span>}
              {row.check !== null && <span className="backend-reason">{row.check}</span>}
              {row.timing !== null && <span className="backend-timing">{row.timing}</span>}
            </li>
          ))}
        </ul>
        <div className="backends-actions">
          <p className="muted">
            {named
              ? 'The link names the backend, so none is measured.'
              : `Each backend is timed on this experiment${note === null ? '' : ` (${note})`}, ` +
                'one at a time, under a wall-clock cap; training runs on the fastest.' +
                (earlier && anyMeasured
                  ? ' These times were measured earlier in this browser.'
                  : '')}
          </p>
          {!named && (
            <button
              type="button"
              className="button"
              disabled={busy || measuring !== null}
              onClick={() => {
                controller.measureAgain();
              }}
            >
              Measure again
            </button>
          )}
        </div>
      </div>
    </details>
  );
}

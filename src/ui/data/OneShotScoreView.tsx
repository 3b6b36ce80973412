import type { OneShotScore } from '../../core/trainer/classification/inspectTypes';
import { formatPercent, formatPercentSpread } from '../charts/accuracy';
import { formatCount, stepsText } from '../charts/format';
import { PUBLISHED_ONE_SHOT } from './publishedOneShot';

interface OneShotScoreViewProps {
  readonly score: OneShotScore;
  readonly iteration: number;
  readonly learner: string;
}

interface Bar {
  readonly who: string;
  readonly errorRate: number;
  readonly ours: boolean;
}

/** The error rate with its interval, beside published ones, and each run's errors. */
export function OneShotScoreView({ score, iteration, learner }: OneShotScoreViewProps) {
  const bars: Bar[] = [
    { who: `${learner} here`, errorRate: score.errorRate, ours: true },
    ...PUBLISHED_ONE_SHOT.map((p) => ({
      who: `${p.who} (${p.source})`,
      errorRate: p.errorRate,
      ours: false,
    })),
  ];
  const top = Math.max(0.1, ...bars.map((bar) => bar.errorRate));
  const how =
    score.steps > 0
      ? `after ${stepsText(score.steps)} of fine-tuning on each run's 20 support images`
      : "by the nearest class mean of each run's 20 support images";
  return (
    <div className="one-shot-result">
      <p className="one-shot-headline" aria-live="polite">
        Error rate <strong>{formatPercent(score.errorRate)}</strong>{' '}
        {formatPercentSpread(score.ci95)} percentage points (95% interval over the runs), as of
        iteration {formatCount(iteration)}, {how}.
      </p>
      <div className="one-shot-layout">
        <figure className="one-shot-compare">
          <figcaption>Error rate on the same 20 runs (lower is better)</figcaption>
          <ul>
            {bars.map((bar) => (
              <li key={bar.who} className={bar.ours ? 'one-shot-ours' : undefined}>
                <span className="one-shot-who">{bar.who}</span>
                <span className="one-shot-bar" aria-hidden="true">
                  <span style={{ width: `${(100 * bar.errorRate) / top}%` }} />
                </span>
                <span className="one-shot-value">{formatPercent(bar.errorRate)}</span>
              </li>
            ))}
          </ul>
        </figure>
        {/* Scrolls when long: focusable so the keyboard can scroll it too. */}
        <div
          className="table-scroll one-shot-runs"
          tabIndex={0}
          role="region"
          aria-label="Errors in each run"
        >
          <table className="data-table">
            <caption>Errors in each run (20 queries each)</caption>
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Wrong</th>
                <th scope="col">Error rate</th>
              </tr>
            </thead>
            <tbody>
              {score.runs.map((run) => (
                <tr key={run.name}>
                  <th scope="row">{run.name}</th>
                  <td>
                    {run.errors} / {run.items}
                  </td>
                  <td>{formatPercent(run.items === 0 ? Number.NaN : run.errors / run.items)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}

import { algorithmInfo, learnerInsights } from '../../core/learners/registry';
import { learnerOf } from '../charts/learner';
import type { PlaygroundState } from '../store/playgroundStore';
import { usePlayground } from '../training/context';
import { InnerRatesChart } from './InnerRatesChart';
import { TaskRelationsView } from './TaskRelationsView';
import { UncertaintyChart } from './UncertaintyChart';
import { useInsightsWatch } from './useInsightsWatch';

const selectInsights = (state: PlaygroundState) => state.insights.latest;
const selectProblem = (state: PlaygroundState) => state.insights.problem;
const selectConfig = (state: PlaygroundState) => state.run.config;

/** Why a view is empty: nothing trained yet, or a run that does not report it. */
function emptyText(reported: boolean, what: string, missing: string): string {
  return reported ? missing : `${what} appear after the first iteration.`;
}

/**
 * What the learner looks like inside, refreshed about once a second while it trains: how the
 * tasks' gradients relate, and, for the learners that learn them, Meta-SGD's inner learning rates
 * and multi-task learning's per-task uncertainties.
 */
export function InsightsPanel() {
  useInsightsWatch();
  const insights = usePlayground(selectInsights);
  const problem = usePlayground(selectProblem);
  const config = usePlayground(selectConfig);
  // The views follow the run's learner (in a comparison, the first compared algorithm).
  const learner = learnerOf(config);
  const iteration = insights?.iteration ?? 0;
  const reports = learnerInsights({ ...config, algorithm: learner });
  const learnsRates = reports.includes('innerRates') || insights?.innerRates != null;
  const learnsSigmas = reports.includes('uncertainty') || insights?.uncertainty != null;
  // Before the first answer about a trained learner, every view is still waiting: an answer at
  // iteration 0 (Meta-SGD's rates as they start) would show or not by how fast it came.
  const reported = insights !== null && insights.iteration > 0;
  const shown = reported ? insights : null;
  return (
    <section className="card insights" aria-labelledby="insights-heading">
      <h2 id="insights-heading">Inside the learner</h2>
      <p className="muted">
        Each task pulls the shared weights along its own gradient. Where two tasks&rsquo; gradients
        point the same way (cosine near 1) learning one helps the other; where they point apart
        (near &minus;1) they compete. Refreshed about once a second while training runs.
      </p>
      {problem !== null && <p className="muted">No newer pictures: {problem}</p>}
      <div className="insight-grid">
        <TaskRelationsView
          relations={shown?.relations ?? null}
          iteration={iteration}
          emptyText={emptyText(reported, 'Task relations', 'This run reports no task relations.')}
        />
        {learnsRates && (
          <InnerRatesChart
            learner={algorithmInfo(learner).name}
            note={algorithmInfo(learner).ratesNote ?? ''}
            rates={shown?.innerRates ?? null}
            initial={config.innerLr}
            iteration={iteration}
            emptyText={emptyText(
              reported,
              'The learned rates',
              'This run reports no learned rates.',
            )}
          />
        )}
        {learnsSigmas && (
          <UncertaintyChart
            tasks={shown?.uncertainty ?? null}
            iteration={iteration}
            emptyText={emptyText(reported, 'The learned sigmas', 'This run reports no sigmas.')}
          />
        )}
      </div>
    </section>
  );
}

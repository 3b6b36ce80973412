import { isClassification } from '../../core/families/registry';
import type { PlaygroundState } from '../store/playgroundStore';
import { shownConfig } from '../store/viewingSlice';
import { usePlayground } from '../training/context';
import { AccuracyChart } from './AccuracyChart';
import { AdaptationChart } from './AdaptationChart';
import { HeldOutChart } from './HeldOutChart';
import { useLearnerLabel } from './learner';
import { LossChart } from './LossChart';

const selectTask = (state: PlaygroundState) => shownConfig(state).task;

/**
 * The detailed live charts of the run: the meta-training loss (and, for classification,
 * accuracy), held-out results at intervals, and how fast each starting point adapts to new tasks.
 * The held-out evaluations they draw are asked for by the evaluation schedule, mounted once for
 * the page. The tasks of the latest meta-batch have a view of their own.
 */
export function ChartsPanel() {
  const classification = isClassification({ task: usePlayground(selectTask) });
  const learner = useLearnerLabel();
  return (
    <section className="card charts" aria-labelledby="charts-heading">
      <h2 id="charts-heading">Learning curves</h2>
      <p className="muted">
        {learner} is drawn in blue (solid), the pretrained network in orange (dashed) and a network
        trained from scratch in green (dotted).
        {classification &&
          ' On accuracy charts the grey dotted line is chance: guessing a class.'}{' '}
        Held-out curves are measured on new tasks every so often while training runs, and on all
        evaluation tasks when it finishes.
      </p>
      <div className="chart-grid">
        <LossChart />
        {classification && <AccuracyChart />}
        <HeldOutChart />
        <AdaptationChart />
      </div>
    </section>
  );
}

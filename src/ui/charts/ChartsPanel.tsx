import type { PlaygroundState } from '../store/playgroundStore';
import { usePlayground } from '../training/context';
import { useEvaluationSchedule } from '../training/useEvaluationSchedule';
import { AccuracyChart } from './AccuracyChart';
import { AdaptationChart } from './AdaptationChart';
import { HeldOutChart } from './HeldOutChart';
import { learnerLabel } from './learner';
import { LossChart } from './LossChart';
import { TaskLossChart } from './TaskLossChart';

const selectTask = (state: PlaygroundState) => state.run.config.task;
const selectAlgorithm = (state: PlaygroundState) => state.run.config.algorithm;
const selectFirstOrder = (state: PlaygroundState) => state.run.config.firstOrder;

/**
 * The live charts of the run: the meta-training loss (and, for classification, accuracy), held-out
 * results at intervals, how fast each starting point adapts to new tasks, and the tasks of the
 * latest meta-batch (not for prototypical networks, which take no inner steps). Also asks the
 * worker for held-out evaluations while the run trains, so those charts have something to show.
 */
export function ChartsPanel() {
  useEvaluationSchedule();
  const classification = usePlayground(selectTask) !== 'sinusoid';
  const algorithm = usePlayground(selectAlgorithm);
  const learner = learnerLabel({ algorithm, firstOrder: usePlayground(selectFirstOrder) });
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
      <div className={`chart-grid${classification ? ' chart-grid-classification' : ''}`}>
        <LossChart />
        {classification && <AccuracyChart />}
        <HeldOutChart />
        {classification && <AdaptationChart />}
        {algorithm !== 'protonet' && <TaskLossChart />}
        {!classification && <AdaptationChart />}
      </div>
    </section>
  );
}

import { useEvaluationSchedule } from '../training/useEvaluationSchedule';
import { AdaptationChart } from './AdaptationChart';
import { HeldOutChart } from './HeldOutChart';
import { LossChart } from './LossChart';
import { TaskLossChart } from './TaskLossChart';

/**
 * The live charts of the run: the meta-training loss and the held-out loss next to it, the tasks
 * of the latest meta-batch, and how fast each starting point adapts to new tasks. Also asks the
 * worker for held-out evaluations while the run trains, so the last two have something to show.
 */
export function ChartsPanel() {
  useEvaluationSchedule();
  return (
    <section className="card charts" aria-labelledby="charts-heading">
      <h2 id="charts-heading">Learning curves</h2>
      <p className="muted">
        MAML is drawn in blue, the pretrained network in orange (dashed) and a network trained from
        scratch in green (dotted). Held-out curves are measured on new tasks every so often while
        training runs, and on all evaluation tasks when it finishes.
      </p>
      <div className="chart-grid">
        <LossChart />
        <HeldOutChart />
        <TaskLossChart />
        <AdaptationChart />
      </div>
    </section>
  );
}

import type { PlaygroundState } from '../store/playgroundStore';
import { useLearnerLabel } from '../charts/learner';
import { sessionReady } from '../training/controller';
import { useController, usePlayground } from '../training/context';
import { OneShotScoreView } from './OneShotScoreView';

const selectInspect = (state: PlaygroundState) => state.inspect;
const selectReady = (state: PlaygroundState) => sessionReady(state.run);

/**
 * The standard test of Lake et al. (2015): 20 runs, each 20 new characters with one example each
 * and 20 more drawings to label. Shown once all_runs.zip is loaded.
 */
export function OneShotPanel() {
  const controller = useController();
  const { oneShot, oneShotRequest } = usePlayground(selectInspect);
  const ready = usePlayground(selectReady);
  const learner = useLearnerLabel();
  const scoring = oneShotRequest !== null;
  return (
    <section className="card one-shot" aria-labelledby="one-shot-heading">
      <h2 id="one-shot-heading">The 20 one-shot runs</h2>
      <p>
        Each run shows 20 characters never seen in training, one drawing of each, then asks for the
        label of 20 other drawings of them: 20-way one-shot classification. The error rate over the
        20 runs is the number people and published models are compared on.
      </p>
      <p className="button-row">
        <button
          type="button"
          className="button button-primary"
          disabled={!ready || scoring}
          onClick={() => {
            controller.scoreOneShotRuns();
          }}
        >
          Score the 20 one-shot runs
        </button>
      </p>
      <div role="status" className="one-shot-status">
        {scoring && <p className="muted">Scoring the runs with the model as it stands…</p>}
        {!scoring && oneShot?.problem != null && (
          <div className="notice notice-calm">
            <p className="notice-title">These runs cannot be scored now</p>
            <p>{oneShot.problem}</p>
          </div>
        )}
      </div>
      {oneShot?.score != null && (
        <OneShotScoreView score={oneShot.score} iteration={oneShot.iteration} learner={learner} />
      )}
    </section>
  );
}

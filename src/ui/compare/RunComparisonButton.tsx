import { useId } from 'react';
import { MIN_COMPARED, enoughToCompare } from '../training/controller';
import { useController, usePlayground } from '../training/context';
import type { PlaygroundState } from '../store/playgroundStore';
import { sameConfig } from '../store/settingsSlice';

const selectChosen = (state: PlaygroundState) => state.settings.config.compare.length;
const selectEnough = (state: PlaygroundState) => enoughToCompare(state.settings.config);
/**
 * Where the chosen comparison stands: running (running it again would only start over), waiting
 * at iteration 0 (a shared link waits for a click), or paused part-way (a lesson's starting state).
 */
function selectStanding(state: PlaygroundState): 'running' | 'ready' | 'part-way' | 'other' {
  const { run, settings } = state;
  if (!sameConfig(run.config, settings.config)) return 'other';
  if (run.state === 'running') return 'running';
  if (run.state !== 'idle' && run.state !== 'paused') return 'other';
  return run.iteration === 0 ? 'ready' : 'part-way';
}
const selectIteration = (state: PlaygroundState) => state.run.iteration;

/** Starts the chosen comparison from iteration 0; says why it cannot when it is disabled. */
export function RunComparisonButton() {
  const controller = useController();
  const chosen = usePlayground(selectChosen);
  const enough = usePlayground(selectEnough);
  const standing = usePlayground(selectStanding);
  const iteration = usePlayground(selectIteration);
  const running = standing === 'running';
  const hintId = useId();
  let hint = '';
  if (!enough) {
    hint =
      chosen === 0
        ? `Choose at least ${MIN_COMPARED} algorithms to compare.`
        : `Choose at least one more algorithm: a comparison needs ${MIN_COMPARED}.`;
  } else if (running) {
    hint = 'This comparison is running; pause or reset it with the training controls.';
  } else if (standing === 'ready') {
    hint = 'Ready: nothing trains until you press Run comparison or Start.';
  } else if (standing === 'part-way') {
    hint = `Start goes on from iteration ${iteration}; Run comparison starts over from 0.`;
  }
  return (
    <div className="compare-run">
      <button
        type="button"
        className="button button-primary"
        disabled={!enough || running}
        aria-describedby={hintId}
        onClick={() => {
          controller.runComparison();
        }}
      >
        Run comparison
      </button>
      <span id={hintId} className="compare-run-hint">
        {hint}
      </span>
    </div>
  );
}

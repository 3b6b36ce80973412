import { useId } from 'react';
import { MIN_COMPARED, enoughToCompare } from '../training/controller';
import { useController, usePlayground } from '../training/context';
import type { PlaygroundState } from '../store/playgroundStore';
import { sameConfig } from '../store/settingsSlice';

const selectChosen = (state: PlaygroundState) => state.settings.config.compare.length;
const selectEnough = (state: PlaygroundState) => enoughToCompare(state.settings.config);
/** The chosen comparison is the run in progress: running it again would only start over. */
const selectRunning = (state: PlaygroundState) =>
  state.run.state === 'running' && sameConfig(state.run.config, state.settings.config);

/** Starts the chosen comparison from iteration 0; says why it cannot when it is disabled. */
export function RunComparisonButton() {
  const controller = useController();
  const chosen = usePlayground(selectChosen);
  const enough = usePlayground(selectEnough);
  const running = usePlayground(selectRunning);
  const hintId = useId();
  let hint = '';
  if (!enough) {
    hint =
      chosen === 0
        ? `Choose at least ${MIN_COMPARED} algorithms to compare.`
        : `Choose at least one more algorithm: a comparison needs ${MIN_COMPARED}.`;
  } else if (running) {
    hint = 'This comparison is running; pause or reset it with the training controls.';
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

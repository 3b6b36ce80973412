import { canPauseOrResume, canResetSeeds, canStart, canStep } from '../training/controller';
import { useController, usePlayground } from '../training/context';

/** Start, Pause/Resume, Step and Reset, each enabled only when the worker would act on it. */
export function RunControls() {
  const controller = useController();
  // A results file shown in the charts is read-only: nothing trains under it.
  const viewing = usePlayground((state) => state.viewing !== null);
  const startEnabled = usePlayground((state) => canStart(state.run)) && !viewing;
  const pauseEnabled = usePlayground((state) => canPauseOrResume(state.run));
  const paused = usePlayground((state) => state.run.state === 'paused');
  const stepEnabled = usePlayground((state) => canStep(state.run)) && !viewing;
  const resetEnabled = usePlayground(canResetSeeds);

  return (
    <div className="button-row" role="group" aria-label="Training controls">
      <button
        type="button"
        className="button button-primary"
        disabled={!startEnabled}
        onClick={() => {
          controller.start();
        }}
      >
        Start
      </button>
      <button
        type="button"
        className="button"
        disabled={!pauseEnabled}
        onClick={() => {
          controller.pauseOrResume();
        }}
      >
        {paused ? 'Resume' : 'Pause'}
      </button>
      <button
        type="button"
        className="button"
        disabled={!stepEnabled}
        onClick={() => {
          controller.step();
        }}
      >
        Step
      </button>
      <button
        type="button"
        className="button"
        disabled={!resetEnabled}
        onClick={() => {
          controller.reset();
        }}
      >
        Reset
      </button>
    </div>
  );
}

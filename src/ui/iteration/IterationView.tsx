import { useEffect, useRef, useState } from 'react';
import type { PlaygroundState } from '../store/playgroundStore';
import { canStep } from '../training/controller';
import { useController, usePlayground } from '../training/context';
import { useLearnerLabel } from '../charts/learner';
import { IterationPanels } from './IterationPanels';
import { useIterationPicture } from './useIterationPicture';
import { usePlotWindow } from './usePlotWindow';
import './iteration.css';

/** How long slow motion shows each inner step, and the outer step, before the next. */
export const SLOW_MOTION_MS = 1500;

const selectCanStep = (state: PlaygroundState) => canStep(state.run);
const selectRunning = (state: PlaygroundState) => state.run.state === 'running';

/** Inner steps revealed so far, or every step (while training runs on its own). */
type Revealed = number | 'all';

/**
 * One meta-iteration, step by step: up to eight tasks of the learner's latest meta-batch adapting
 * to their support points (or images) one inner step at a time, and then the outer step that
 * moves the initialisation. "Step inner" reveals the next inner step, "Step outer" trains one
 * iteration, and slow motion does both in turn on its own.
 */
export function IterationView() {
  const controller = useController();
  const { geometry, gridX } = usePlotWindow();
  const { picture, problem } = useIterationPicture(gridX);
  const learner = useLearnerLabel();
  const stepAllowed = usePlayground(selectCanStep);
  const running = usePlayground(selectRunning);
  const iteration = picture?.iteration ?? null;
  // What is revealed belongs to one iteration: a new one starts from its initialisation, unless
  // every step is being shown anyway.
  const [reveal, setReveal] = useState<{ iteration: number | null; steps: Revealed }>({
    iteration: null,
    steps: 'all',
  });
  const revealed: Revealed =
    reveal.steps === 'all' ? 'all' : reveal.iteration === iteration ? reveal.steps : 0;
  const setRevealed = (steps: Revealed) => {
    setReveal({ iteration, steps });
  };
  const [slowMotion, setSlowMotion] = useState(false);
  const innerSteps = picture?.innerSteps ?? 0;
  const shown = revealed === 'all' ? innerSteps : Math.min(revealed, innerSteps);
  const outerShown = revealed === 'all' || shown >= innerSteps;

  const stepInner = () => {
    setRevealed(revealed === 'all' ? 0 : Math.min(revealed + 1, innerSteps));
  };
  const stepOuter = () => {
    setRevealed(0);
    controller.step();
  };

  // Slow motion: reveal the inner steps one by one, then take the outer step, and again. The
  // timer runs while slow motion is on; what a tick does follows the latest render.
  const tick = useRef<() => void>(() => undefined);
  useEffect(() => {
    tick.current = () => {
      if (!outerShown) stepInner();
      else if (stepAllowed) stepOuter();
      else setSlowMotion(false);
    };
  });
  useEffect(() => {
    if (!slowMotion) return;
    const timer = setInterval(() => {
      tick.current();
    }, SLOW_MOTION_MS);
    return () => {
      clearInterval(timer);
    };
  }, [slowMotion]);

  return (
    <section className="iteration-view" aria-label="One meta-iteration, step by step">
      {geometry !== null ? (
        <p className="iteration-intro">
          Each small plot is one task of {learner}&apos;s latest meta-batch. The inner loop fits the
          filled support points, one gradient step at a time, starting from the shared
          initialisation; the hollow query points then judge the adapted fit. The outer step moves
          the initialisation to lower those query losses.
        </p>
      ) : (
        <p className="iteration-intro">
          Each panel is one task of {learner}&apos;s latest meta-batch, with a few of its support
          and query images: under each, its true class, then the class the learner gives it (✓
          right, ✗ wrong). The inner loop adapts to the support images, one gradient step at a time,
          starting from the shared initialisation; the query images then judge the adapted network.
          The outer step moves the initialisation to lower those query losses.
        </p>
      )}
      <div className="iteration-controls" role="group" aria-label="Step through">
        <button
          type="button"
          className="button"
          onClick={stepInner}
          disabled={picture === null || (revealed !== 'all' && shown >= innerSteps)}
        >
          Step inner
        </button>
        <button type="button" className="button" onClick={stepOuter} disabled={!stepAllowed}>
          Step outer
        </button>
        <button
          type="button"
          className="button"
          aria-pressed={slowMotion}
          onClick={() => {
            if (!slowMotion && running) controller.pauseOrResume();
            if (!slowMotion) setRevealed(0);
            setSlowMotion(!slowMotion);
          }}
          disabled={!slowMotion && !stepAllowed && !running}
        >
          Slow motion
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setRevealed('all');
          }}
          disabled={revealed === 'all'}
        >
          Show all steps
        </button>
        <span className="iteration-status" role="status">
          {picture === null
            ? 'Train one iteration (Step outer) to see its tasks.'
            : `Iteration ${picture.iteration}: ${shown} of ${innerSteps} inner step${innerSteps === 1 ? '' : 's'} shown${outerShown ? ', then the outer step' : ''}.`}
        </span>
      </div>
      {problem !== null && <p className="iteration-problem">{problem}</p>}
      {picture !== null && (
        <IterationPanels
          picture={picture}
          geometry={geometry}
          shownSteps={shown}
          outerShown={outerShown}
        />
      )}
    </section>
  );
}

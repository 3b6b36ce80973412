import { useMemo, useState } from 'react';
import { useLearnerLabel } from '../charts/learner';
import { usePlayground } from '../training/context';
import { FunctionPlot, type PointEditing, type ShownFits } from './FunctionPlot';
import { Legend } from './Legend';
import { PointForm } from './PointForm';
import {
  drawHeldOutTask,
  MAX_OWN_POINTS,
  placed,
  supportArrays,
  withoutPoint,
  withPointMoved,
  type SupportPoint,
} from './points';
import { StepControl } from './StepControl';
import { usePreview } from './usePreview';

type Mode = 'heldOut' | 'own';

function nextId(points: readonly SupportPoint[]): number {
  return points.reduce((most, point) => Math.max(most, point.id), -1) + 1;
}

function pointsText(count: number): string {
  return `${count} point${count === 1 ? '' : 's'}`;
}

/** The function view: a held-out sinusoid, your own support points, and the adapted fits. */
export function FunctionView() {
  const seed = usePlayground((state) => state.run.config.seed);
  const shots = usePlayground((state) => state.run.config.shots);
  const maxStep = usePlayground((state) => state.run.config.testInnerSteps);
  const learner = useLearnerLabel();
  const [mode, setMode] = useState<Mode>('heldOut');
  const [taskIndex, setTaskIndex] = useState(0);
  const [ownPoints, setOwnPoints] = useState<readonly SupportPoint[]>([]);
  /** null follows the last step, whatever testInnerSteps is. */
  const [stepChoice, setStepChoice] = useState<number | null>(null);

  const task = useMemo(() => drawHeldOutTask(seed, taskIndex, shots), [seed, taskIndex, shots]);
  const own = mode === 'own';
  const points = own ? ownPoints : task.points;
  const support = useMemo(() => supportArrays(points), [points]);
  const answer = usePreview(support);

  const step = Math.min(stepChoice ?? maxStep, maxStep);
  let fits: ShownFits | null = null;
  if (answer !== null) {
    const shown = Math.min(step, answer.maml.length - 1, answer.pretrained.length - 1);
    fits = {
      maml: answer.maml[shown]!,
      pretrained: answer.pretrained[shown]!,
      step: shown,
      iteration: answer.iteration,
      supportCount: answer.support.x.length,
    };
  }

  const editing: PointEditing = {
    add: (x, y) => {
      setOwnPoints((now) =>
        now.length >= MAX_OWN_POINTS ? now : [...now, placed(nextId(now), x, y)],
      );
    },
    move: (id, x, y) => {
      setOwnPoints((now) => withPointMoved(now, id, x, y));
    },
    remove: (id) => {
      setOwnPoints((now) => withoutPoint(now, id));
    },
  };

  const label = own
    ? `Your own task: ${pointsText(points.length)}, with the fits of ${learner} and the pretrained baseline`
    : `Held-out task y = ${task.amplitude.toFixed(2)} sin(x \u2212 ${task.phase.toFixed(2)}), ` +
      `${pointsText(points.length)}, with the fits of ${learner} and the pretrained baseline`;

  return (
    <section className="card fv" aria-labelledby="fv-heading">
      <h2 id="fv-heading">Adapting to a new task</h2>
      <p>
        Both models see only the support points of a task neither was trained on, then take a few
        gradient steps on them. {learner}&rsquo;s learned starting point should bend towards the
        points within a step or two; the baseline, pretrained on all tasks at once, starts near
        their average and moves slowly. Switch to <em>Your own task</em> to place points yourself.
      </p>
      <div className="fv-toolbar">
        <div className="button-row" role="group" aria-label="Task shown">
          <button
            type="button"
            className="button"
            aria-pressed={!own}
            onClick={() => {
              setMode('heldOut');
            }}
          >
            Held-out task
          </button>
          <button
            type="button"
            className="button"
            aria-pressed={own}
            onClick={() => {
              setMode('own');
            }}
          >
            Your own task
          </button>
        </div>
        {own ? (
          <button
            type="button"
            className="button"
            disabled={ownPoints.length === 0}
            onClick={() => {
              setOwnPoints([]);
            }}
          >
            Clear points
          </button>
        ) : (
          <button
            type="button"
            className="button"
            onClick={() => {
              setTaskIndex((index) => index + 1);
            }}
          >
            New task
          </button>
        )}
      </div>
      <div className="fv-layout">
        <div className="fv-figure">
          <FunctionPlot
            label={label}
            truth={own ? null : task.curve}
            points={points}
            fits={fits}
            editing={own ? editing : null}
          />
          <Legend showTruth={!own} pointCount={points.length} step={step} learner={learner} />
        </div>
        <div className="fv-side">
          <StepControl step={step} maxStep={maxStep} onChange={setStepChoice} />
          <p className="fv-status muted">
            {fits === null
              ? 'Waiting for the training worker\u2019s predictions\u2026'
              : `Models as of iteration ${fits.iteration}, fine-tuned on ${pointsText(fits.supportCount)}.`}
          </p>
          {own && (
            <>
              <p className="fv-help">
                Click the plot to place up to {MAX_OWN_POINTS} points and drag them to move them.
                Shift-click a point, or focus it and press Delete, to remove it; arrow keys move a
                focused point.
              </p>
              <PointForm full={ownPoints.length >= MAX_OWN_POINTS} onAdd={editing.add} />
              <p className="fv-visually-hidden" aria-live="polite">
                {pointsText(ownPoints.length)} placed.
              </p>
            </>
          )}
        </div>
      </div>
    </section>
  );
}

import { regressionFamily } from '../../core/families/registry';
import { usePlotGeometry } from './usePlotGeometry';
import { useId, useMemo, useRef, useState } from 'react';
import { ChartExportButtons } from '../charts/export/ChartExportButtons';
import { ChartTableSlot, useTableSlot } from '../charts/export/tableSlot';
import { useLearnerLabel } from '../charts/learner';
import { usePlayground } from '../training/context';
import { FunctionPlot } from './FunctionPlot';
import './functionView.css';
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
import type { PointEditing } from './pointsContext';
import { fitsAtStep, shownStep } from './shownFits';
import { StepControl } from './StepControl';
import { usePreview } from './usePreview';

type Mode = 'heldOut' | 'own';

const TITLE = 'Adapting to a new task';

export interface FunctionViewProps {
  /**
   * The plot's height in CSS pixels, axes included. On a narrow screen the plot is lowered to
   * keep a readable shape (at most 3/4 of its width).
   */
  readonly plotHeight?: number;
  /**
   * For a panel on the first screen: the controls sit in tight rows above the plot, and the
   * explanation and the help for placing points fold into a <details> below it.
   */
  readonly compact?: boolean;
}

const DEFAULT_PLOT_HEIGHT = 360;

function nextId(points: readonly SupportPoint[]): number {
  return points.reduce((most, point) => Math.max(most, point.id), -1) + 1;
}

function pointsText(count: number): string {
  return `${count} point${count === 1 ? '' : 's'}`;
}

function Explanation({ learner }: { learner: string }) {
  return (
    <p className="fnv-intro">
      Both models see only the support points of a task neither was trained on, then take a few
      gradient steps on them. {learner}&rsquo;s learned starting point should bend towards the
      points within a step or two; the baseline, pretrained on all tasks at once, starts near their
      average and moves slowly. Switch to <em>Your own task</em> to place points yourself.
    </p>
  );
}

function PointsHelp({ full, onAdd }: { full: boolean; onAdd: PointEditing['add'] }) {
  return (
    <div className="fnv-help">
      <p>
        Click the plot to place up to {MAX_OWN_POINTS} points and drag them to move them.
        Shift-click a point, or focus it and press Delete, to remove it; arrow keys move a focused
        point.
      </p>
      <PointForm full={full} onAdd={onAdd} />
    </div>
  );
}

/**
 * The function view: a held-out sinusoid or the user's own support points, and the fits of the
 * learner and the pretrained baseline after the fine-tuning step chosen (step 1 at first).
 */
export function FunctionView({
  plotHeight = DEFAULT_PLOT_HEIGHT,
  compact = false,
}: FunctionViewProps) {
  const headingId = useId();
  const figure = useRef<HTMLDivElement | null>(null);
  const exported = useTableSlot();
  const seed = usePlayground((state) => state.run.config.seed);
  const shots = usePlayground((state) => state.run.config.shots);
  const maxStep = usePlayground((state) => state.run.config.testInnerSteps);
  const learner = useLearnerLabel();
  const [mode, setMode] = useState<Mode>('heldOut');
  const [taskIndex, setTaskIndex] = useState(0);
  const [ownPoints, setOwnPoints] = useState<readonly SupportPoint[]>([]);
  /** Null until the user picks a step: the view then opens on step 1. */
  const [stepChoice, setStepChoice] = useState<number | null>(null);

  const taskId = usePlayground((state) => state.run.config.task);
  const task = useMemo(
    () => drawHeldOutTask(regressionFamily({ task: taskId }), seed, taskIndex, shots),
    [taskId, seed, taskIndex, shots],
  );
  const own = mode === 'own';
  const points = own ? ownPoints : task.points;
  const support = useMemo(() => supportArrays(points), [points]);
  const { answer, problem } = usePreview(support);
  const geometry = usePlotGeometry();
  const step = shownStep(stepChoice, maxStep);
  const fits = useMemo(() => fitsAtStep(answer, step), [answer, step]);

  // Stable, so the chart's point layer and its memoised points never see new handlers.
  const editing = useMemo<PointEditing>(
    () => ({
      add: (x, y) => {
        setOwnPoints((now) =>
          now.length >= MAX_OWN_POINTS ? now : [...now, placed(nextId(now), x, y, geometry)],
        );
      },
      move: (id, x, y) => {
        setOwnPoints((now) => withPointMoved(now, id, x, y, geometry));
      },
      remove: (id) => {
        setOwnPoints((now) => withoutPoint(now, id));
      },
    }),
    [geometry],
  );

  const label = own
    ? `Your own task: ${pointsText(points.length)}, with the fits of ${learner} and the pretrained baseline`
    : `Held-out task ${task.formula}, ` +
      `${pointsText(points.length)}, with the fits of ${learner} and the pretrained baseline`;
  const full = ownPoints.length >= MAX_OWN_POINTS;

  return (
    <section className={compact ? 'card fnv fnv-compact' : 'card fnv'} aria-labelledby={headingId}>
      <div className="chart-heading">
        <h2 id={headingId}>{TITLE}</h2>
        <ChartExportButtons title={TITLE} figure={figure} table={exported.source} />
      </div>
      {!compact && <Explanation learner={learner} />}
      <div className="fnv-toolbar">
        <div className="fnv-task-row">
          <div className="fnv-modes" role="group" aria-label="Task shown">
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
        <StepControl step={step} maxStep={maxStep} onChange={setStepChoice} />
      </div>
      <div className="fnv-figure" ref={figure}>
        <ChartTableSlot value={exported.register}>
          <FunctionPlot
            label={label}
            height={plotHeight}
            truth={own ? null : task.curve}
            points={points}
            fits={fits}
            editing={own ? editing : null}
          />
        </ChartTableSlot>
        <Legend
          showTruth={!own}
          pointCount={points.length}
          step={step}
          learner={learner}
          terse={compact}
        />
        <p className="fnv-status">
          {fits === null
            ? (problem ?? 'Waiting for the training worker\u2019s predictions\u2026')
            : `Models as of iteration ${fits.iteration}, fine-tuned on ${pointsText(fits.supportCount)}.`}
          {fits !== null && problem !== null && ` No newer fits: ${problem}`}
        </p>
      </div>
      {own && !compact && <PointsHelp full={full} onAdd={editing.add} />}
      {compact && (
        <details className="fnv-more">
          <summary>{own ? 'How to place points, and what this shows' : 'What this shows'}</summary>
          <Explanation learner={learner} />
          {own && <PointsHelp full={full} onAdd={editing.add} />}
        </details>
      )}
      {own && (
        <p className="visually-hidden" aria-live="polite">
          {pointsText(ownPoints.length)} placed.
        </p>
      )}
    </section>
  );
}

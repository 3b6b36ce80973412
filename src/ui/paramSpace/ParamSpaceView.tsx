/**
 * MAML's picture in parameter space, live: a linear model y = w x + b has two parameters, so the
 * whole model is a point of the (w, b) plane. The view draws held-out tasks' optima, contours of
 * their mean loss, the path of every model of the run as it trains (each learner in its compare
 * look, the baselines in theirs), and each task's point one inner step from the lead learner's
 * initialisation and from the pretrained baseline's. The numbers come from the training worker.
 */
import { useCallback, useMemo } from 'react';
import { ReferenceLine, Scatter, ScatterChart, XAxis, YAxis } from 'recharts';
import { ALGORITHM_IDS, type AlgorithmId } from '../../core/learners/registry';
import type { PlaneModel, PlanePoint } from '../../core/trainer/regression/parameterPlane';
import { ChartFrame, type LegendItem } from '../charts/ChartFrame';
import { pointSetsTable } from '../charts/export/rowTables';
import { formatCount, formatValue } from '../charts/format';
import { AXIS_LOOK } from '../charts/kit/axes';
import { CHART_MARGIN, STATIC_SERIES } from '../charts/kit/chartStyle';
import { algorithmLabel } from '../charts/learner';
import { algorithmStyle, MODEL_STYLES, type MarkerShape } from '../charts/palette';
import type { PlaygroundState } from '../store/playgroundStore';
import { usePlayground } from '../training/context';
import { contours, planeWindow, stepsFrom, type PlaneWindow } from './planeChart';
import { useParamSpace } from './useParamSpace';

const selectConfig = (state: PlaygroundState) => state.run.config;

interface Look {
  readonly label: string;
  readonly color: string;
  readonly dash: string | undefined;
  readonly marker: MarkerShape;
  readonly hollow: boolean;
}

type Config = PlaygroundState['run']['config'];

/** A model's name and look: a learner's compare look, or a baseline's. */
function lookOf(model: PlaneModel, config: Config): Look {
  const algorithm = ALGORITHM_IDS.find((id): id is AlgorithmId => id === model.id);
  if (algorithm !== undefined) {
    const style = algorithmStyle(algorithm);
    return { label: algorithmLabel(algorithm, config), ...style, hollow: style.hollow };
  }
  const key = model.id === 'scratch' ? 'scratch' : 'pretrained';
  const { label, color, dash, marker } = MODEL_STYLES[key];
  return { label, color, dash, marker, hollow: false };
}

interface Dot {
  readonly cx?: number;
  readonly cy?: number;
}

function markerPath(shape: MarkerShape, x: number, y: number, r: number): string {
  if (shape === 'square') return `M${x - r},${y - r}h${2 * r}v${2 * r}h${-2 * r}Z`;
  if (shape === 'diamond')
    return `M${x},${y - r * 1.3}L${x + r * 1.3},${y}L${x},${y + r * 1.3}L${x - r * 1.3},${y}Z`;
  if (shape === 'triangle')
    return `M${x},${y - r * 1.4}L${x + r * 1.2},${y + r * 0.7}L${x - r * 1.2},${y + r * 0.7}Z`;
  return `M${x - r},${y}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
}

/** A recharts scatter shape drawing a marker with a class the tests find. */
function markerShape(
  className: string,
  shape: MarkerShape,
  color: string,
  r: number,
  hollow: boolean,
) {
  return function PlaneMarker({ cx, cy }: Dot) {
    if (typeof cx !== 'number' || typeof cy !== 'number') return <g />;
    return (
      <path
        className={className}
        d={markerPath(shape, cx, cy, r)}
        fill={hollow ? 'var(--surface)' : color}
        stroke={color}
        strokeWidth={1.5}
      />
    );
  };
}

const OPTIMUM = markerShape('param-optimum', 'diamond', 'var(--text)', 3, false);

const NO_MARKER = () => <g />;

/** The props of the plane's axis of `key`: a fixed window that points may overrun, every tick drawn. */
function planeAxis(key: 'w' | 'b', window: PlaneWindow) {
  return {
    type: 'number',
    dataKey: key,
    domain: window[key],
    ticks: key === 'w' ? window.wTicks : window.bTicks,
    ...AXIS_LOOK,
  } as const;
}

interface PlotProps {
  readonly width: number;
  readonly height: number;
  readonly window: PlaneWindow;
  readonly models: readonly { model: PlaneModel; look: Look; path: readonly PlanePoint[] }[];
  readonly optima: readonly PlanePoint[];
  readonly learnerSteps: readonly PlanePoint[];
  readonly pretrainedSteps: readonly PlanePoint[];
  readonly levels: readonly PlanePoint[][];
  readonly lead: PlaneModel | undefined;
  readonly leadLook: Look | undefined;
}

function PlanePlot(props: PlotProps) {
  const { window, lead, leadLook } = props;
  const pretrained = MODEL_STYLES.pretrained;
  return (
    <ScatterChart width={props.width} height={props.height} margin={CHART_MARGIN}>
      <XAxis
        {...planeAxis('w', window)}
        height={38}
        label={{ value: 'w (slope)', position: 'insideBottom', offset: 0, fill: 'var(--muted)' }}
      />
      <YAxis
        {...planeAxis('b', window)}
        width={48}
        label={{
          value: 'b (intercept)',
          angle: -90,
          position: 'insideLeft',
          offset: 12,
          fill: 'var(--muted)',
        }}
      />
      {props.levels.map((level, i) => (
        <Scatter
          key={`level-${i}`}
          {...STATIC_SERIES}
          className="param-contour"
          data={level}
          line={{ stroke: 'var(--chart-grid)', strokeWidth: 1.2 }}
          lineType="joint"
          shape={NO_MARKER}
        />
      ))}
      {lead &&
        leadLook &&
        props.learnerSteps.map((step, i) => (
          <ReferenceLine
            key={`step-${i}`}
            segment={[
              { x: lead.w, y: lead.b },
              { x: step.w, y: step.b },
            ]}
            stroke={leadLook.color}
            strokeOpacity={0.25}
            ifOverflow="hidden"
          />
        ))}
      <Scatter {...STATIC_SERIES} data={props.optima} shape={OPTIMUM} />
      <Scatter
        {...STATIC_SERIES}
        data={props.pretrainedSteps}
        shape={markerShape('param-step-pretrained', 'square', pretrained.color, 2.5, true)}
      />
      {leadLook && (
        <Scatter
          {...STATIC_SERIES}
          data={props.learnerSteps}
          shape={markerShape('param-step-learner', 'circle', leadLook.color, 3, true)}
        />
      )}
      {props.models.map(({ model, look, path }) => (
        <Scatter
          key={`path-${model.id}`}
          {...STATIC_SERIES}
          className={`param-path param-path-${model.id}`}
          data={path as PlanePoint[]}
          line={{ stroke: look.color, strokeWidth: 2, strokeDasharray: look.dash }}
          lineType="joint"
          shape={NO_MARKER}
        />
      ))}
      {props.models.map(({ model, look }) => (
        <Scatter
          key={`init-${model.id}`}
          {...STATIC_SERIES}
          data={[{ w: model.w, b: model.b }]}
          shape={markerShape(
            `param-init param-init-${model.id}`,
            look.marker,
            look.color,
            5.5,
            look.hollow,
          )}
        />
      ))}
    </ScatterChart>
  );
}

/** The parameter-space view of a two-parameter run. */
export function ParamSpaceView() {
  const config = usePlayground(selectConfig);
  const { plane, paths, problem } = useParamSpace();

  const drawn = useMemo(() => {
    if (plane === null) return null;
    const models = plane.models.map((model) => ({
      model,
      look: lookOf(model, config),
      path: paths.get(model.id) ?? [],
    }));
    const optima = plane.tasks.map((task) => task.optimum);
    const learner = stepsFrom(plane.tasks, (task) => task.learnerStep);
    const pretrained = stepsFrom(plane.tasks, (task) => task.pretrainedStep);
    const window = planeWindow([
      ...optima,
      ...models.flatMap(({ model, path }) => [model, ...path]),
      ...learner.points,
      ...pretrained.points,
    ]);
    return {
      models,
      optima,
      learnerSteps: learner.points,
      pretrainedSteps: pretrained.points,
      window,
      levels: contours(plane, window),
      learnerLoss: learner.meanLoss,
      pretrainedLoss: pretrained.meanLoss,
    };
  }, [plane, paths, config]);

  const lead = drawn?.models.find(({ model }) => model.role === 'learner');
  const table = useCallback(
    () =>
      drawn === null
        ? null
        : pointSetsTable({ label: 'w (slope)', key: 'w' }, { label: 'b (intercept)', key: 'b' }, [
            ...drawn.levels.map((points, i) => ({ label: `mean-loss contour ${i + 1}`, points })),
            { label: 'held-out task best line', points: drawn.optima },
            { label: 'pretrained after one inner step', points: drawn.pretrainedSteps },
            ...(lead
              ? [{ label: `${lead.look.label} after one inner step`, points: drawn.learnerSteps }]
              : []),
            ...drawn.models.flatMap(({ model, look, path }) => [
              { label: `${look.label} path`, points: path },
              { label: `${look.label} now`, points: [{ w: model.w, b: model.b }] },
            ]),
          ]),
    [drawn, lead],
  );
  const legend: LegendItem[] = [
    { label: 'Task optimum (a, b)', color: 'var(--text)', kind: 'marker', marker: 'diamond' },
    ...(drawn?.models ?? [])
      .filter(({ model }) => model.id !== 'scratch')
      .map(({ look }): LegendItem => ({
        label: look.label,
        color: look.color,
        kind: 'line',
        dash: look.dash,
        width: 2,
        marker: look.marker,
        hollow: look.hollow,
      })),
    ...(lead
      ? [
          {
            label: `One step from ${lead.look.label}`,
            color: lead.look.color,
            kind: 'hollow-marker' as const,
          },
        ]
      : []),
    {
      label: 'One step from pretrained',
      color: MODEL_STYLES.pretrained.color,
      kind: 'hollow-marker',
      marker: 'square',
    },
    { label: 'Mean loss contours', color: 'var(--chart-grid)', kind: 'line' },
  ];

  const summary = (() => {
    if (plane === null || drawn === null) {
      return 'Waiting for the first picture of the parameter plane from the training worker.';
    }
    const where = drawn.models
      .map(({ model, look }) => `${look.label} at (${model.w.toFixed(2)}, ${model.b.toFixed(2)})`)
      .join(', ');
    const losses =
      drawn.learnerLoss !== null && drawn.pretrainedLoss !== null && lead
        ? ` Mean query loss one step from ${lead.look.label}'s initialisation: ` +
          `${formatValue(drawn.learnerLoss)}; from pretraining's: ${formatValue(drawn.pretrainedLoss)}.`
        : ' The run takes no test-time step (testInnerSteps=0), so no adapted points are drawn.';
    return (
      `Iteration ${formatCount(plane.iteration)}, ${plane.tasks.length} held-out tasks: ${where}.` +
      losses
    );
  })();

  return (
    <section className="param-space" aria-label="Parameter space">
      <ChartFrame
        name="param-space"
        title="MAML's picture in parameter space"
        subtitle={
          'The linear model y = w x + b is a point of this plane. Dark diamonds are held-out tasks’ best lines (a, b); ' +
          'contours are their mean loss, lowest where pretraining heads. MAML heads for the point from which ' +
          'one inner step (faint lines, hollow circles) lands nearest each task. Reptile with one inner step is ' +
          'joint training, so its path runs under pretraining’s.'
        }
        legend={legend}
        summary={problem === null ? summary : `${summary} No more pictures: ${problem}`}
        empty={drawn === null ? (problem ?? 'Waiting for the first picture…') : null}
        height={380}
        table={table}
      >
        {(width, height) =>
          drawn && (
            <PlanePlot
              width={width}
              height={height}
              window={drawn.window}
              models={drawn.models}
              optima={drawn.optima}
              learnerSteps={drawn.learnerSteps}
              pretrainedSteps={drawn.pretrainedSteps}
              levels={drawn.levels}
              lead={lead?.model}
              leadLook={lead?.look}
            />
          )
        }
      </ChartFrame>
    </section>
  );
}

import { memo, useCallback, useId, useMemo, type CSSProperties } from 'react';
import { CartesianGrid, ComposedChart, Line, ReferenceLine, XAxis, YAxis } from 'recharts';
import { functionTable } from '../charts/export/functionTable';
import { useExportTable } from '../charts/export/tableSlot';
import { useLearnerLabel } from '../charts/learner';
import { CURVE_LOOKS, type CurveKey } from './curveLooks';
import { tickLabel, type PlotGeometry } from './geometry';
import { usePlotGeometry } from './usePlotGeometry';
import { plotRows, type PlotRow } from './plotRows';
import { keyHint } from './pointKeys';
import type { SupportPoint } from './points';
import { PointsContext, type PointEditing, type PointsState } from './pointsContext';
import type { ShownFits } from './shownFits';
import { SupportPointsLayer } from './SupportPointsLayer';

interface FunctionPlotProps {
  readonly label: string;
  /** The plot's height in CSS pixels, axes included; narrow screens lower it to keep its shape. */
  readonly height: number;
  readonly truth: Float32Array | null;
  readonly points: readonly SupportPoint[];
  readonly fits: ShownFits | null;
  /** Set when the user may place, drag and remove points. */
  readonly editing: PointEditing | null;
}

// Module-level constants keep the chart's props stable from one render to the next.
const MARGIN = { top: 8, right: 14, bottom: 0, left: 0 } as const;
const FILL = { width: '100%', height: '100%' } as const;
const X_LABEL = {
  value: 'x (input)',
  position: 'insideBottom',
  className: 'fnv-axis-title',
} as const;
const Y_LABEL = {
  value: 'y (output)',
  position: 'insideLeft',
  angle: -90,
  className: 'fnv-axis-title',
  style: { textAnchor: 'middle' },
} as const;
const AXIS_TICK = { className: 'fnv-tick' } as const;
/** Just above the grid (-100) and below the curves (400). */
const ZERO_LINES_Z_INDEX = -50;

/** What the fits were made from, carried on their paths for anyone reading the drawing. */
interface FitSource {
  readonly step: number;
  readonly iteration: number;
  readonly supportCount: number;
}

interface FitsChartProps {
  readonly geometry: PlotGeometry;
  readonly label: string;
  readonly rows: readonly PlotRow[];
  readonly showTruth: boolean;
  readonly source: FitSource | null;
  readonly editable: boolean;
}

/** One curve as a recharts line: no dots, no animation, and never in the way of a click. */
function curveLine(curve: CurveKey, source: FitSource | null) {
  const look = CURVE_LOOKS[curve];
  return (
    <Line
      key={curve}
      dataKey={curve}
      className={`fnv-curve fnv-${curve}`}
      stroke={look.color}
      strokeDasharray={look.dash}
      strokeLinecap={look.cap}
      strokeWidth={look.width}
      dot={false}
      activeDot={false}
      isAnimationActive={false}
      data-step={source?.step}
      data-iteration={source?.iteration}
      data-support={source?.supportCount}
    />
  );
}

/**
 * The chart itself: axes, grid, the true function and both fits as recharts lines, and the
 * support points as a layer of its own. Memoised, so it renders again only when the data does.
 */
const FitsChart = memo(function FitsChart({
  geometry,
  label,
  rows,
  showTruth,
  source,
  editable,
}: FitsChartProps) {
  return (
    <ComposedChart
      responsive
      style={FILL}
      data={rows}
      margin={MARGIN}
      accessibilityLayer={false}
      className={editable ? 'fnv-chart fnv-editable' : 'fnv-chart'}
      role="group"
      aria-label={label}
      tabIndex={-1}
    >
      <CartesianGrid stroke="var(--fnv-grid)" />
      <XAxis
        type="number"
        dataKey="x"
        domain={geometry.xRange}
        ticks={geometry.xTicks}
        interval="preserveStartEnd"
        tickFormatter={tickLabel}
        tick={AXIS_TICK}
        allowDataOverflow
        height={42}
        label={X_LABEL}
      />
      <YAxis
        type="number"
        domain={geometry.yRange}
        ticks={geometry.yTicks}
        interval={0}
        tickFormatter={tickLabel}
        tick={AXIS_TICK}
        allowDataOverflow
        width={50}
        label={Y_LABEL}
      />
      <ReferenceLine x={0} stroke="var(--fnv-zero)" zIndex={ZERO_LINES_Z_INDEX} />
      <ReferenceLine y={0} stroke="var(--fnv-zero)" zIndex={ZERO_LINES_Z_INDEX} />
      {showTruth && curveLine('truth', null)}
      {source && curveLine('pretrained', source)}
      {source && curveLine('learner', source)}
      <SupportPointsLayer />
    </ComposedChart>
  );
});

/** The task's plot: axes, true function, support points and both models' fits. */
export function FunctionPlot({ label, height, truth, points, fits, editing }: FunctionPlotProps) {
  const hintId = useId();
  const learner = fits?.learner ?? null;
  const pretrained = fits?.pretrained ?? null;
  const geometry = usePlotGeometry();
  const rows = useMemo(
    () => plotRows(geometry.gridX, { truth, learner, pretrained }, geometry.yCap),
    [geometry, truth, learner, pretrained],
  );
  const step = fits?.step;
  const iteration = fits?.iteration;
  const supportCount = fits?.supportCount;
  const source = useMemo(
    () =>
      step === undefined || iteration === undefined || supportCount === undefined
        ? null
        : { step, iteration, supportCount },
    [step, iteration, supportCount],
  );
  const pointsState = useMemo<PointsState>(
    () => ({ points, editing, hintId }),
    [points, editing, hintId],
  );
  const size = useMemo(() => ({ '--fnv-plot-height': `${height}px` }) as CSSProperties, [height]);
  const learnerLabel = useLearnerLabel();
  const showTruth = truth !== null;
  const table = useCallback(
    () => functionTable({ rows, points, learner: learnerLabel, step, showTruth }),
    [rows, points, learnerLabel, step, showTruth],
  );
  useExportTable(table);

  return (
    <div className="fnv-plot" style={size}>
      <PointsContext value={pointsState}>
        <FitsChart
          geometry={geometry}
          label={label}
          rows={rows}
          showTruth={truth !== null}
          source={source}
          editable={editing !== null}
        />
      </PointsContext>
      <span id={hintId} hidden>
        {keyHint}
      </span>
    </div>
  );
}

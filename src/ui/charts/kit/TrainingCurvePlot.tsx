import { Line } from 'recharts';
import type { LossCurve } from '../lossCurve';
import { STATIC_SERIES } from './chartStyle';
import { IterationPlot, type CurveAxis } from './IterationPlot';
import { markedLine, type MarkedSeries } from './series';

/** Held-out results drawn over the training curve, one row per evaluation. */
export interface HeldOutOverlay {
  readonly rows: readonly object[];
  readonly series: readonly MarkedSeries[];
}

export interface TrainingCurvePlotProps {
  readonly width: number;
  readonly height: number;
  readonly curve: LossCurve;
  readonly color: string;
  /** Class names of the raw and the smoothed line. */
  readonly names: { readonly raw: string; readonly smooth: string };
  readonly axis: CurveAxis;
  readonly heldOut?: HeldOutOverlay | undefined;
  /** Finished seeds' moving averages, drawn faintly beside the running seed's curve. */
  readonly seeds?: readonly {
    readonly key: string;
    readonly points: readonly object[];
    readonly curve: { readonly lastIteration: number };
  }[];
}

/** How the training curve is drawn alone, and under held-out lines. */
export const TRAINING_LOOK = { rawOpacity: 0.4, smoothOpacity: 1, smoothWidth: 2.5 } as const;
export const TRAINING_LOOK_UNDER = {
  rawOpacity: 0.22,
  smoothOpacity: 0.5,
  smoothWidth: 2,
} as const;

/** Held-out lines carry a marker per evaluation while there are this few of them. */
export const MAX_MARKED_EVALUATIONS = 60;

/**
 * A training curve over meta-iterations: every iteration's value thin and light (min-max
 * bucketed, so spikes show), its moving average bold, and optionally held-out results at
 * intervals as lines with markers on the same axes.
 */
export function TrainingCurvePlot(props: TrainingCurvePlotProps) {
  const { curve, color, names, heldOut } = props;
  const markers = (heldOut?.rows.length ?? 0) <= MAX_MARKED_EVALUATIONS ? 'large' : 'none';
  // Under held-out lines of the same colour, the training curve steps back.
  const look = heldOut === undefined ? TRAINING_LOOK : TRAINING_LOOK_UNDER;
  const lastHeldOut = heldOut?.rows.at(-1) as { iteration?: number } | undefined;
  return (
    <IterationPlot
      width={props.width}
      height={props.height}
      data={curve.points}
      lastIteration={Math.max(
        curve.lastIteration,
        lastHeldOut?.iteration ?? 0,
        ...(props.seeds ?? []).map((seed) => seed.curve.lastIteration),
      )}
      axis={props.axis}
    >
      <Line
        {...STATIC_SERIES}
        className={names.raw}
        dataKey="raw"
        type="linear"
        dot={false}
        stroke={color}
        strokeOpacity={look.rawOpacity}
        strokeWidth={1}
      />
      <Line
        {...STATIC_SERIES}
        className={names.smooth}
        dataKey="smooth"
        type="linear"
        dot={false}
        stroke={color}
        strokeOpacity={look.smoothOpacity}
        strokeWidth={look.smoothWidth}
      />
      {props.seeds?.map(({ key, points }) => (
        <Line
          {...STATIC_SERIES}
          key={key}
          className="loss-seed-line"
          data={points as object[]}
          dataKey="smooth"
          type="linear"
          dot={false}
          stroke={color}
          strokeOpacity={0.35}
          strokeWidth={1.25}
        />
      ))}
      {heldOut?.series.map((series) => markedLine(series, markers, 0, heldOut.rows))}
    </IterationPlot>
  );
}

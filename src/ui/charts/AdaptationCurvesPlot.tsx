import { ChanceLine } from './accuracy';
import { heldOutAxis, stepAxis } from './axes';
import type { ModelStyle } from './palette';
import { Marker, Plot, bandPath, linePath, plotArea } from './plot';
import type { LogAxis } from './scales';

/** Losses on a log axis fitted to them; accuracies on the fixed 0-100% axis. */
export type ValueAxis =
  { readonly kind: 'log'; readonly log: LogAxis } | { readonly kind: 'accuracy' };

/** A curve clamped to its axis: mean and interval edges per step (a null mean is not drawn). */
export interface StepCurve {
  readonly mean: readonly (number | null)[];
  readonly lower: readonly number[];
  readonly upper: readonly number[];
}

/** A series' look: a model's style, or an algorithm's (which may draw its markers hollow). */
export type SeriesStyle = Pick<ModelStyle, 'color' | 'dash' | 'marker'> & {
  readonly hollow?: boolean;
};

export interface StepSeries {
  readonly key: string;
  readonly curve: StepCurve;
  readonly style: SeriesStyle;
}

/**
 * The class names the tests and styles find a chart's marks by, which differ between charts: a
 * series' band, the group holding its line and markers, and the line.
 */
export interface SeriesNames {
  band(key: string): string;
  group(key: string): { readonly className: string; readonly 'data-model'?: string };
  readonly line: string;
}

interface AdaptationCurvesPlotProps {
  readonly series: readonly StepSeries[];
  readonly steps: readonly number[];
  readonly axis: ValueAxis;
  readonly lossName: string;
  readonly ways: number;
  readonly bandOpacity: number;
  readonly names: SeriesNames;
  readonly width: number;
}

/**
 * Adaptation curves over fine-tuning steps: each series' 95% band under every line (so no band
 * hides a line), then its mean, with a marker per step while the steps are few enough to tell
 * apart. Accuracy also shows chance.
 */
export function AdaptationCurvesPlot(props: AdaptationCurvesPlotProps) {
  const { series, steps, axis, names, width } = props;
  const area = plotArea(width);
  const x = stepAxis(steps.at(-1) ?? 1, area);
  const y = heldOutAxis(area, props.lossName, axis.kind === 'log' ? axis.log : null);
  const xs = steps.map(x.scale);
  return (
    <Plot width={width} area={area} x={x} y={y}>
      {axis.kind === 'accuracy' && <ChanceLine ways={props.ways} area={area} />}
      {series.map(({ key, curve, style }) => (
        <path
          key={`${key}-band`}
          className={names.band(key)}
          d={bandPath(xs, curve.lower.map(y.scale), curve.upper.map(y.scale))}
          fill={style.color}
          fillOpacity={props.bandOpacity}
          stroke="none"
        />
      ))}
      {series.map(({ key, curve, style }) => {
        const { mean } = curve;
        const yOf = (i: number) => {
          const value = mean[i];
          return value === null || value === undefined ? null : y.scale(value);
        };
        return (
          <g key={key} {...names.group(key)}>
            <path
              className={names.line}
              d={linePath(steps.length, (i) => xs[i]!, yOf)}
              fill="none"
              stroke={style.color}
              strokeWidth={2}
              strokeDasharray={style.dash}
            />
            {steps.length <= 21 &&
              steps.map((step, i) => {
                const py = yOf(i);
                return py === null ? null : (
                  <Marker
                    key={step}
                    shape={style.marker}
                    hollow={style.hollow}
                    x={xs[i]!}
                    y={py}
                    color={style.color}
                    size={3}
                  />
                );
              })}
          </g>
        );
      })}
    </Plot>
  );
}

import { useMemo } from 'react';
import { bandKey, meanKey, type ValueAxis } from '../adaptationView';
import type { SeriesStyle } from '../palette';
import { stepTicks } from '../scales';
import type { CurveAxis } from './axes';
import { CurvePlot } from './CurvePlot';
import { bandArea, markedLine, thinLine } from './series';

export interface StepSeries {
  /** The series' key in the rows (see adaptationRows). */
  readonly key: string;
  readonly style: SeriesStyle;
  /** Class names of its line and of its band, for tests and styles. */
  readonly lineClass: string;
  readonly bandClass: string;
}

interface AdaptationPlotProps {
  readonly width: number;
  readonly height: number;
  readonly rows: readonly object[];
  /** The fine-tuning steps the rows hold, 0 to the last. */
  readonly lastStep: number;
  readonly series: readonly StepSeries[];
  readonly axis: ValueAxis;
  readonly lossName: string;
  readonly ways: number;
  readonly bandOpacity: number;
  /** Each seed's learner curve, drawn thin under the means (in the rows under its key). */
  readonly seedLines?: readonly { readonly key: string }[];
}

/** Markers on the curves while the steps are few enough to tell apart. */
const MAX_MARKED_STEPS = 21;

/**
 * Adaptation curves over fine-tuning steps: each series' 95% band (drawn under every line, so no
 * band hides a line), its mean with dash and markers, and chance for accuracy.
 */
export function AdaptationPlot(props: AdaptationPlotProps) {
  const { series, axis, lastStep } = props;
  const end = Math.max(1, lastStep);
  const domain = useMemo(() => [0, end] as const, [end]);
  const ticks = useMemo(() => stepTicks(lastStep), [lastStep]);
  const markers = lastStep < MAX_MARKED_STEPS ? 'normal' : 'none';
  const valueAxis: CurveAxis =
    axis.kind === 'log'
      ? { kind: 'log', log: axis.log, label: `Held-out ${props.lossName} (log)` }
      : { kind: 'accuracy', label: 'Held-out accuracy', ways: props.ways };
  return (
    <CurvePlot
      width={props.width}
      height={props.height}
      data={props.rows}
      x={{
        domain,
        ticks,
        label: 'Fine-tuning steps on the new task',
        format: String,
        dataKey: 'step',
      }}
      axis={valueAxis}
    >
      {series.map(({ key, style, bandClass }) =>
        bandArea(bandKey(key), bandClass, style.color, props.bandOpacity),
      )}
      {(props.seedLines ?? []).map(({ key }) =>
        thinLine(meanKey(key), 'adaptation-seed-line', series[0]?.style.color ?? 'currentColor'),
      )}
      {series.map(({ key, style, lineClass }) =>
        markedLine(
          { dataKey: meanKey(key), className: lineClass, style },
          markers,
          props.rows.length,
        ),
      )}
    </CurvePlot>
  );
}

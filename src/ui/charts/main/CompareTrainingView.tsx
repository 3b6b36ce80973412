import {
  CompareLossPlot,
  compareLossLegend,
  compareLossSummary,
  useCompareLines,
} from '../../compare/CompareLossChart';
import type { PlaygroundState } from '../../store/playgroundStore';
import { shownSeries } from '../../store/viewingSlice';
import { useCallback } from 'react';
import { ChartContent } from '../ChartFrame';
import { compareLossTable } from '../export/compareTables';
import { useLiveValue } from '../live/useLiveValue';

const selectCompared = (state: PlaygroundState) => shownSeries(state).comparedLoss;

/** A comparison's training view: every compared algorithm's meta-training loss. */
export function CompareTrainingView({ titleId }: { readonly titleId: string }) {
  const { value: series, ref } = useLiveValue(selectCompared);
  const { config, span, measure, lines, axis } = useCompareLines(series);
  const drawn = lines.some((line) => line.curve.points.length > 0);
  const table = useCallback(() => compareLossTable(lines, span, measure), [lines, span, measure]);
  return (
    <ChartContent
      titleId={titleId}
      legend={compareLossLegend(config)}
      summary={compareLossSummary(lines, span)}
      empty={drawn ? null : 'Waiting for the first meta-iteration of the comparison…'}
      height="fill"
      bodyRef={ref}
      table={table}
    >
      {(width, height) => (
        <CompareLossPlot lines={lines} axis={axis} width={width} height={height} />
      )}
    </ChartContent>
  );
}

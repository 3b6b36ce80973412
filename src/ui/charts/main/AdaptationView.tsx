import { isClassification } from '../../../core/families/registry';
import type { PlaygroundState } from '../../store/playgroundStore';
import { shownConfig } from '../../store/viewingSlice';
import { shownHeldOut, shownSeedCount } from '../../store/shownHeldOut';
import { usePlayground } from '../../training/context';
import { useCallback } from 'react';
import { adaptationLegend, useAdaptationCurves } from '../AdaptationChart';
import { adaptationStepTable } from '../export/adaptationStepTable';
import { ChartContent } from '../ChartFrame';
import { AdaptationPlot } from '../kit/AdaptationPlot';
import { lossKindLabel, lossKindOf } from '../learner';
import { useLiveValue } from '../live/useLiveValue';
import type { Measure } from '../MeasureToggle';
import { acrossSeedsText } from '../seedLines';
import { adaptationBrief } from './mainSummary';

const selectLatest = (state: PlaygroundState) => shownHeldOut(state);
const selectTask = (state: PlaygroundState) => shownConfig(state).task;
const selectWays = (state: PlaygroundState) => shownConfig(state).ways;

interface AdaptationViewProps {
  readonly titleId: string;
  readonly measure: Measure;
}

/** The latest adaptation curves: learner, pretrained and scratch over fine-tuning steps. */
export function AdaptationView({ titleId, measure }: AdaptationViewProps) {
  const { value: point, ref } = useLiveValue(selectLatest);
  const seeds = usePlayground(shownSeedCount);
  const task = usePlayground(selectTask);
  const ways = usePlayground(selectWays);
  const { curves, series, styles } = useAdaptationCurves(point, measure);
  const shown = curves?.measure ?? measure;
  const lossName = lossKindLabel(point?.evaluation.lossKind ?? lossKindOf({ task }));
  const table = useCallback(
    () => (curves === null ? null : adaptationStepTable(curves, styles, lossName)),
    [curves, styles, lossName],
  );
  return (
    <ChartContent
      titleId={titleId}
      legend={adaptationLegend(styles, shown, ways, seeds, curves?.seedLines.length ?? 0)}
      summary={
        point === undefined
          ? 'No held-out evaluation yet.'
          : adaptationBrief(point, shown, styles, isClassification({ task })) +
            (seeds === null ? '' : ` The ${acrossSeedsText(seeds)}.`)
      }
      empty={curves === null ? 'Waiting for the first held-out evaluation…' : null}
      height="fill"
      bodyRef={ref}
      table={table}
    >
      {(width, height) =>
        point === undefined || curves === null ? null : (
          <AdaptationPlot
            width={width}
            height={height}
            rows={curves.rows}
            lastStep={point.evaluation.steps.at(-1) ?? 0}
            series={series}
            seedLines={curves.seedLines}
            axis={curves.view.axis}
            lossName={lossName}
            ways={ways}
            bandOpacity={0.13}
          />
        )
      }
    </ChartContent>
  );
}

import { useCallback, useMemo } from 'react';
import {
  CompareAdaptationPlot,
  compareAdaptationLegend,
  compareAdaptationCsvTable,
  compareAdaptationSummary,
} from '../../compare/CompareAdaptationChart';
import { comparedModels, comparisonEvaluation } from '../../compare/comparedModels';
import type { PlaygroundState } from '../../store/playgroundStore';
import { shownConfig } from '../../store/viewingSlice';
import { shownHeldOut, shownSeedCount } from '../../store/shownHeldOut';
import { usePlayground } from '../../training/context';
import { ChartContent } from '../ChartFrame';
import { lossKindLabel, lossKindOf } from '../learner';
import { useLiveValue } from '../live/useLiveValue';
import type { Measure } from '../MeasureToggle';
import { acrossSeedsText } from '../seedLines';

const selectLatest = (state: PlaygroundState) => shownHeldOut(state);
const selectConfig = (state: PlaygroundState) => shownConfig(state);

interface CompareAdaptationViewProps {
  readonly titleId: string;
  readonly measure: Measure;
}

/** A comparison's adaptation view: every compared algorithm and both baselines side by side. */
export function CompareAdaptationView({ titleId, measure }: CompareAdaptationViewProps) {
  const { value: latest, ref } = useLiveValue(selectLatest);
  const config = usePlayground(selectConfig);
  const seeds = usePlayground(shownSeedCount);
  const point = comparisonEvaluation(latest, config);
  const models = useMemo(
    () => (point === null ? [] : comparedModels(point.evaluation, config)),
    [point, config],
  );
  const shown: Measure =
    measure === 'accuracy' && models.every((m) => m.accuracy !== null) ? 'accuracy' : 'loss';
  const lossName = lossKindLabel(point?.evaluation.lossKind ?? lossKindOf(config));
  const drawn = point !== null && models.length > 0;
  const steps = point?.evaluation.steps;
  const table = useCallback(
    () => compareAdaptationCsvTable(models, shown, steps ?? [], lossName),
    [models, shown, steps, lossName],
  );
  return (
    <ChartContent
      titleId={titleId}
      legend={compareAdaptationLegend(models, shown, config.ways)}
      summary={
        drawn
          ? compareAdaptationSummary(models, shown, point.evaluation, point.iteration) +
            (seeds === null ? '' : ` The ${acrossSeedsText(seeds)}.`)
          : 'No held-out evaluation of the compared algorithms yet.'
      }
      empty={drawn ? null : 'Waiting for the first held-out evaluation of every algorithm…'}
      height="fill"
      bodyRef={ref}
      table={table}
    >
      {(width, height) => (
        <CompareAdaptationPlot
          models={models}
          steps={point?.evaluation.steps ?? []}
          measure={shown}
          lossName={lossName}
          ways={config.ways}
          width={width}
          height={height}
        />
      )}
    </ChartContent>
  );
}

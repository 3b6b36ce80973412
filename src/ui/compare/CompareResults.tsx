import { isClassification } from '../../core/families/registry';
import { useMemo } from 'react';
import type { PlaygroundState } from '../store/playgroundStore';
import { shownConfig } from '../store/viewingSlice';
import { shownHeldOut, shownSeedCount } from '../store/shownHeldOut';
import { usePlayground } from '../training/context';
import { CompareAdaptationChart } from './CompareAdaptationChart';
import { CompareLossChart } from './CompareLossChart';
import { CompareTable } from './CompareTable';
import { comparedModels, comparisonEvaluation } from './comparedModels';

const selectLatest = (state: PlaygroundState) => shownHeldOut(state);
const selectConfig = (state: PlaygroundState) => shownConfig(state);

/** The comparison run's charts and table, drawn from its latest held-out evaluation. */
export function CompareResults() {
  const config = usePlayground(selectConfig);
  const seeds = usePlayground(shownSeedCount);
  const point = comparisonEvaluation(usePlayground(selectLatest), config);
  const models = useMemo(
    () => (point === null ? [] : comparedModels(point.evaluation, config)),
    [point, config],
  );
  const classification = isClassification(config);
  return (
    <>
      <div className="chart-grid">
        <CompareLossChart />
        <CompareAdaptationChart
          evaluation={point?.evaluation ?? null}
          iteration={point?.iteration ?? 0}
          models={models}
          classification={classification}
          ways={config.ways}
          seeds={seeds}
        />
      </div>
      {point === null || models.length === 0 ? (
        <p className="muted compare-waiting">
          The table of results appears with the first held-out evaluation of every algorithm.
        </p>
      ) : (
        <CompareTable
          evaluation={point.evaluation}
          iteration={point.iteration}
          models={models}
          classification={classification}
          seeds={seeds}
        />
      )}
    </>
  );
}

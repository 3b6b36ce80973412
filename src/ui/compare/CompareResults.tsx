import { isClassification } from '../../core/families/registry';
import { useMemo } from 'react';
import type { ExperimentConfig } from '../../core/config';
import type { EvaluationPoint } from '../store/evaluationSlice';
import type { PlaygroundState } from '../store/playgroundStore';
import { usePlayground } from '../training/context';
import { CompareAdaptationChart } from './CompareAdaptationChart';
import { CompareLossChart } from './CompareLossChart';
import { CompareTable } from './CompareTable';
import { comparedModels } from './comparedModels';

const selectLatest = (state: PlaygroundState) => state.evaluations.points.at(-1);
const selectConfig = (state: PlaygroundState) => state.run.config;

/**
 * The point, if it is an evaluation of this comparison: a new run keeps the last run's starting
 * evaluation until its own arrives, and that one may have compared other algorithms.
 */
function ofThisRun(point: EvaluationPoint | undefined, config: ExperimentConfig) {
  const compared = point?.evaluation.compared;
  if (point === undefined || compared == null) return null;
  const same =
    compared.length === config.compare.length &&
    compared.every((curve, i) => curve.algorithm === config.compare[i]);
  return same ? point : null;
}

/** The comparison run's charts and table, drawn from its latest held-out evaluation. */
export function CompareResults() {
  const config = usePlayground(selectConfig);
  const point = ofThisRun(usePlayground(selectLatest), config);
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
        />
      )}
    </>
  );
}

import { useMemo } from 'react';
import { checkBudget, describeCost } from '../../../core/bench/costBudget';
import { usePlayground } from '../../training/context';

/**
 * What the settings will cost, estimated from the settings alone, beside them: memory at the
 * run's peak and time per iteration on WASM on a two-core machine. It changes as the settings do,
 * before anything runs.
 */
export function CostNote() {
  const config = usePlayground((state) => state.settings.config);
  const verdict = useMemo(() => checkBudget(config), [config]);
  const over = verdict.over.length > 0;
  return (
    <p
      className={over ? 'cost-note cost-note-over' : 'cost-note muted'}
      aria-label="Estimated cost"
    >
      Estimated cost: {describeCost(verdict.estimate)}
      {over ? ' (over the budget: see above the charts)' : ''}.
    </p>
  );
}

import { useMemo } from 'react';
import { COST_BUDGET, checkBudget, formatBytes, reductionLines } from '../../core/bench/costBudget';
import { refusedForCost } from '../training/controller';
import { useController, usePlayground } from '../training/context';

/**
 * Settings over the cost budget: the page does not start them, says why and which settings to
 * lower, and leaves the choice to run them anyway to the user (who may have the memory).
 */
export function BudgetNotice() {
  const controller = useController();
  const refused = usePlayground((state) => refusedForCost(state.run));
  const idle = usePlayground((state) => state.run.state === 'idle');
  const config = usePlayground((state) => state.run.config);
  const verdict = useMemo(() => checkBudget(config), [config]);
  if (!refused) return null;
  const lines = reductionLines(verdict);
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">Too large to start here</p>
      <p>
        {verdict.over.join(' ')} Runs are held to {formatBytes(COST_BUDGET.bytes)} and a minute per
        iteration so that a link cannot freeze the tab.
      </p>
      {lines.length > 0 && (
        <>
          <p>Lowering these helps most (the estimate with each at its default):</p>
          <ul className="budget-reductions">
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
      <p>
        <button
          type="button"
          className="button"
          disabled={!idle}
          onClick={() => {
            controller.startAnyway();
          }}
        >
          Start anyway
        </button>
      </p>
    </div>
  );
}

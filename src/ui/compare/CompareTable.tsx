import { useId } from 'react';
import { PRETRAINED, SCRATCH } from '../../core/results/evaluation';
import type { AdaptationCurve, Evaluation } from '../../core/trainer';
import { formatPercent, formatPercentSpread } from '../charts/accuracy';
import { formatCount, formatSpread, formatValue, stepsText } from '../charts/format';
import { lossKindLabel } from '../charts/learner';
import type { ComparedModel } from './comparedModels';
import { acrossSeedsText } from '../charts/seedLines';

interface Column {
  readonly title: string;
  readonly step: number;
  readonly measure: 'loss' | 'accuracy';
}

/** Before any step, after one and after the last (fewer when the evaluation takes fewer). */
function columnsOf(evaluation: Evaluation, classification: boolean): Column[] {
  const last = evaluation.steps.length - 1;
  const columns: Column[] = [{ title: 'Loss before adapting', step: 0, measure: 'loss' }];
  if (last >= 1) columns.push({ title: 'Loss after 1 step', step: 1, measure: 'loss' });
  if (last > 1) {
    columns.push({ title: `Loss after ${stepsText(last)}`, step: last, measure: 'loss' });
  }
  if (classification && last >= 0) {
    columns.push({ title: `Accuracy after ${stepsText(last)}`, step: last, measure: 'accuracy' });
  }
  return columns;
}

function curveOf(model: ComparedModel, column: Column): AdaptationCurve | null {
  return column.measure === 'loss' ? model.loss : model.accuracy;
}

function meanAt(model: ComparedModel, column: Column): number | null {
  const value = curveOf(model, column)?.mean[column.step];
  return value !== undefined && Number.isFinite(value) ? value : null;
}

/** The best mean of a column: the lowest loss, the highest accuracy. */
function bestOf(models: readonly ComparedModel[], column: Column): number | null {
  const means = models.map((m) => meanAt(m, column)).filter((v): v is number => v !== null);
  if (means.length === 0) return null;
  return column.measure === 'loss' ? Math.min(...means) : Math.max(...means);
}

function Cell({
  model,
  column,
  best,
}: {
  model: ComparedModel;
  column: Column;
  best: number | null;
}) {
  const mean = meanAt(model, column);
  const ci = curveOf(model, column)?.ci95[column.step] ?? NaN;
  if (mean === null) return <td>not a finite number</td>;
  const text =
    column.measure === 'loss'
      ? `${formatValue(mean)} ± ${formatSpread(ci)}`
      : `${formatPercent(mean)} ${formatPercentSpread(ci)}`;
  if (mean !== best) return <td>{text}</td>;
  return (
    <td className="compare-best">
      <strong>{text}</strong>{' '}
      <span aria-hidden="true" className="compare-best-mark">
        ★
      </span>
      <span className="visually-hidden">({column.measure === 'loss' ? 'lowest' : 'highest'})</span>
    </td>
  );
}

function noteOf(model: ComparedModel): string {
  if (model.key === PRETRAINED) return 'Baseline: joint training';
  if (model.key === SCRATCH) return 'Baseline: random start';
  return model.divergence === null ? '' : `Stopped early: ${model.divergence}`;
}

interface CompareTableProps {
  readonly evaluation: Evaluation;
  readonly iteration: number;
  readonly models: readonly ComparedModel[];
  readonly classification: boolean;
  /** The seeds the evaluation is a mean over (several seeds); null for one run's. */
  readonly seeds?: number | null;
}

/**
 * The comparison in numbers: for every algorithm and both baselines, the held-out loss before
 * adapting, after one step and after the last, each a mean with the half-width of its 95%
 * interval, with the time each meta-iteration took and whether the algorithm stopped early. The
 * best mean of each column is starred and named, not only set in bold.
 */
export function CompareTable({
  evaluation,
  iteration,
  models,
  classification,
  seeds = null,
}: CompareTableProps) {
  const noteId = useId();
  const columns = columnsOf(evaluation, classification);
  const best = columns.map((column) => bestOf(models, column));
  return (
    <>
      <div className="table-scroll compare-table-scroll">
        <table className="data-table compare-table" aria-describedby={noteId}>
          <caption>
            Held-out results at iteration {formatCount(iteration)}, on{' '}
            {formatCount(evaluation.tasks)} new tasks
            {seeds === null ? '' : `, ${acrossSeedsText(seeds)}`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Algorithm</th>
              <th scope="col">Iterations</th>
              {columns.map((column) => (
                <th key={column.title} scope="col">
                  {column.title}
                </th>
              ))}
              <th scope="col">ms / iteration</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {models.map((model) => (
              <tr key={model.key} data-model={model.key}>
                <th scope="row">{model.label}</th>
                <td>{model.iteration === null ? '—' : formatCount(model.iteration)}</td>
                {columns.map((column, c) => (
                  <Cell key={column.title} model={model} column={column} best={best[c]!} />
                ))}
                <td>
                  {model.msPerIteration === null || !Number.isFinite(model.msPerIteration)
                    ? '—'
                    : model.msPerIteration.toFixed(1)}
                </td>
                <td className="compare-note">{noteOf(model)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p id={noteId} className="compare-table-note">
        Loss ({lossKindLabel(evaluation.lossKind)}) as mean ± half-width of its 95% interval
        {seeds === null ? '' : ` across ${seeds} seeds`}. ★ marks the best mean of each column: the
        lowest loss, the highest accuracy.
      </p>
    </>
  );
}

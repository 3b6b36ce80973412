import { stepsText } from '../charts/format';
import { className, totalsOf, type ClassRow } from './taskViewModel';

function share(right: number, total: number): string {
  if (total === 0) return '—';
  return `${right} / ${total} (${Math.round((100 * right) / total)}%)`;
}

interface ClassAccuracyTableProps {
  readonly rows: readonly ClassRow[];
  /** Inner steps taken; 0 when the learner does not adapt by gradient steps. */
  readonly steps: number;
}

/** How many query images of each class were labelled right, before and after adapting. */
export function ClassAccuracyTable({ rows, steps }: ClassAccuracyTableProps) {
  const totals = totalsOf(rows);
  const adapts = steps > 0;
  return (
    <div className="table-scroll class-accuracy">
      <table className="data-table">
        <caption>Query images labelled right, per class, on this task</caption>
        <thead>
          <tr>
            <th scope="col">Class</th>
            {adapts && <th scope="col">Before adapting</th>}
            <th scope="col">{adapts ? `After ${stepsText(steps)}` : 'Labelled right'}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{className(row.label)}</th>
              {adapts && <td>{share(row.rightBefore, row.queries.length)}</td>}
              <td>{share(row.rightAfter, row.queries.length)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">All</th>
            {adapts && <td>{share(totals.rightBefore, totals.queries)}</td>}
            <td>{share(totals.rightAfter, totals.queries)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

import type { TaskRelations } from '../../core/trainer';
import { formatCosine } from './heatColor';
import type { GridPosition } from './heatmapLayout';

/** In words, what a cosine between two tasks' gradients says. */
function meaningOf(value: number): string {
  if (!Number.isFinite(value)) return 'not a number';
  if (value >= 0.5) return 'their gradients point much the same way';
  if (value > 0.1) return 'their gradients partly agree';
  if (value >= -0.1) return 'their gradients are nearly unrelated';
  return 'their gradients pull against each other';
}

function TaskFacts({ relations, task }: { relations: TaskRelations; task: number }) {
  const facts = relations.details[task] ?? [];
  return (
    <div className="heat-task">
      <p className="heat-task-name">{relations.labels[task]}</p>
      {facts.length === 0 ? (
        <p className="muted">No details reported.</p>
      ) : (
        <dl>
          {facts.map((fact) => (
            <div key={fact.name}>
              <dt>{fact.name}</dt>
              <dd>{fact.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

interface TaskDetailsProps {
  readonly relations: TaskRelations;
  /** The cell or label pointed at or focused; null when none is. */
  readonly active: GridPosition | null;
}

/** What defines the tasks of the cell or label pointed at: amplitude, phase, noise or classes. */
export function TaskDetails({ relations, active }: TaskDetailsProps) {
  if (active === null) {
    return (
      <p className="muted heat-hint">
        Point at a cell or a task label, or focus the grid and move with the arrow keys, to see what
        defines the tasks.
      </p>
    );
  }
  const { row, col } = active;
  if (row === -1 || col === -1) {
    return <TaskFacts relations={relations} task={row === -1 ? col : row} />;
  }
  const value = relations.cosine[row]?.[col] ?? NaN;
  return (
    <>
      <p className="heat-pair">
        {relations.labels[row]} and {relations.labels[col]}: cosine{' '}
        <strong>{formatCosine(value)}</strong>, {meaningOf(value)}.
      </p>
      <div className="heat-tasks">
        <TaskFacts relations={relations} task={row} />
        {col !== row && <TaskFacts relations={relations} task={col} />}
      </div>
    </>
  );
}

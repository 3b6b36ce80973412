import { useDeferredValue, useId, useMemo, useRef, useState } from 'react';
import type { TaskRelations } from '../../core/trainer';
import { useElementWidth } from '../charts/useElementSize';
import { HeatLegend } from './HeatLegend';
import { MAX_SHOWN_TASKS, heatmapLayout, type GridPosition } from './heatmapLayout';
import { RelationsGrid } from './RelationsGrid';
import { relationsSummary } from './relationsSummary';
import { TaskDetails } from './TaskDetails';
import { useHeatPalette } from './useHeatPalette';

interface TaskRelationsViewProps {
  /** Null until the learner has tasks' gradients to compare. */
  readonly relations: TaskRelations | null;
  readonly iteration: number;
  /** Why there is nothing to show, when `relations` is null. */
  readonly emptyText: string;
}

/** The first `n` tasks of a relations matrix. */
function firstTasks(relations: TaskRelations, n: number): TaskRelations {
  if (relations.labels.length <= n) return relations;
  return {
    basis: relations.basis,
    labels: relations.labels.slice(0, n),
    cosine: relations.cosine.slice(0, n).map((row) => row.slice(0, n)),
    details: relations.details.slice(0, n),
  };
}

/**
 * How alike the tasks' gradients are: a heatmap of their cosine similarities, from -1 (they pull
 * the weights in opposite directions) to 1 (the same direction), with what defines each task on
 * hover or focus, and a sentence that sums the matrix up.
 */
export function TaskRelationsView({ relations, iteration, emptyText }: TaskRelationsViewProps) {
  const titleId = useId();
  const summaryId = useId();
  const bodyRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(bodyRef);
  const [active, setActive] = useState<GridPosition | null>(null);
  const total = relations?.labels.length ?? 0;
  const shown = useMemo(
    () => (relations === null ? null : firstTasks(relations, MAX_SHOWN_TASKS)),
    [relations],
  );
  // The grid redraws in the background, so a large one never holds up the page's other work.
  const grid = useDeferredValue(shown);
  const palette = useHeatPalette();
  const n = grid?.labels.length ?? 0;
  const layout = useMemo(() => heatmapLayout(n, Math.min(width, 620)), [n, width]);
  // The tasks may have become fewer since the pointer or focus arrived.
  const pointed = active !== null && active.row < n && active.col < n ? active : null;
  const summary =
    relations === null
      ? emptyText
      : relationsSummary(relations, iteration) +
        (total > MAX_SHOWN_TASKS ? ` The grid shows the first ${MAX_SHOWN_TASKS}.` : '');

  return (
    <figure className="insight" data-insight="relations" aria-labelledby={titleId}>
      <h3 id={titleId} className="chart-title">
        Task relations
      </h3>
      <p className="chart-subtitle">
        {relations?.basis ?? 'Cosine similarity between the gradients of different tasks.'}
      </p>
      <HeatLegend />
      <div ref={bodyRef} className="heat-body">
        {grid === null ? (
          <p className="chart-empty">{emptyText}</p>
        ) : (
          <div className="heat-layout">
            <div className="heat-scroll">
              {width > 0 && (
                <RelationsGrid
                  relations={grid}
                  layout={layout}
                  palette={palette}
                  labelledBy={titleId}
                  describedBy={summaryId}
                  active={pointed}
                  onActive={setActive}
                />
              )}
            </div>
            <div className="heat-details">
              <TaskDetails relations={grid} active={pointed} />
            </div>
          </div>
        )}
      </div>
      <figcaption id={summaryId} className="chart-summary">
        {summary}
      </figcaption>
    </figure>
  );
}

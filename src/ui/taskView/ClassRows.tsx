import type { TaskView } from '../../core/trainer/classification/inspectTypes';
import { GlyphCanvas } from './GlyphCanvas';
import { PredictionMark } from './PredictionMark';
import { className, imageAt, type ClassRow } from './taskViewModel';

interface ClassRowsProps {
  readonly view: TaskView;
  readonly rows: readonly ClassRow[];
}

/**
 * One line per class: its support images (what the learner adapts on), then its query images,
 * each with the class the learner gave it before and after adapting.
 */
export function ClassRows({ view, rows }: ClassRowsProps) {
  const size = view.imageSize;
  const adapts = view.steps > 0;
  return (
    <ul className="class-rows" aria-label="Images by class">
      {rows.map((row) => {
        const name = className(row.label);
        return (
          <li key={row.label} className="class-row">
            <span className="class-name" aria-hidden="true">
              {name}
            </span>
            <div className="class-support">
              {row.support.map((index, k) => (
                <GlyphCanvas
                  key={index}
                  className="glyph-support"
                  ink={imageAt(view.supportImages, size, index)}
                  size={size}
                  label={`Support image ${k + 1} of class ${name}`}
                />
              ))}
            </div>
            <ul className="class-queries" aria-label={`Query images of class ${name}`}>
              {row.queries.map((query, k) => (
                <li key={query.index} className="query-tile">
                  <GlyphCanvas
                    ink={imageAt(view.queryImages, size, query.index)}
                    size={size}
                    label={`Query image ${k + 1} of class ${name}`}
                  />
                  {adapts && (
                    <PredictionMark when="before" predicted={query.before} truth={query.label} />
                  )}
                  <PredictionMark
                    when={adapts ? 'after' : 'label'}
                    predicted={query.after}
                    truth={query.label}
                  />
                </li>
              ))}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}

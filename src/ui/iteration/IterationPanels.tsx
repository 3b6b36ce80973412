import type { IterationPicture } from '../../core/trainer';
import type { PlotGeometry } from '../functionView/geometry';
import { ImageInitPanel } from './ImageInitPanel';
import { ImageTaskPanel } from './ImageTaskPanel';
import { InitPanel } from './InitPanel';
import { TaskPanel } from './TaskPanel';
import type { SmallPlotFrame } from './smallPlot';

interface IterationPanelsProps {
  readonly picture: IterationPicture;
  /** The function view's window (regression); null for images. */
  readonly geometry: PlotGeometry | null;
  readonly shownSteps: number;
  /** Whether the outer step is revealed yet. */
  readonly outerShown: boolean;
}

/** A panel per task of the picture, then the outer step's: plots of fits, or images and labels. */
export function IterationPanels({
  picture,
  geometry,
  shownSteps,
  outerShown,
}: IterationPanelsProps) {
  if (picture.kind === 'classification') {
    return (
      <div className="iteration-grid iteration-grid-images">
        {picture.tasks.map((task, t) => (
          <ImageTaskPanel
            key={t}
            index={t}
            task={task}
            imageSize={picture.imageSize}
            shownSteps={shownSteps}
          />
        ))}
        {outerShown && <ImageInitPanel picture={picture} />}
      </div>
    );
  }
  // A regression picture comes only from a run of a function family, which has a window.
  if (geometry === null) return null;
  const frame: SmallPlotFrame = {
    width: 200,
    height: 120,
    xRange: geometry.xRange,
    yRange: geometry.yRange,
  };
  return (
    <div className="iteration-grid">
      {picture.tasks.map((task, t) => (
        <TaskPanel
          key={t}
          index={t}
          task={task}
          gridX={picture.gridX}
          frame={frame}
          shownSteps={shownSteps}
        />
      ))}
      {outerShown && <InitPanel picture={picture} frame={frame} />}
    </div>
  );
}

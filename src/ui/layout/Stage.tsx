import { familyOfTask } from '../../core/families/registry';
import { useRef, type CSSProperties } from 'react';
import { MainChart } from '../charts/MainChart';
import { DataPanel } from '../data/DataPanel';
import { FunctionView } from '../functionView/FunctionView';
import { Hideable } from '../page/Hideable';
import { usePageParams } from '../page/pageParamsContext';
import { awaitingData } from '../store/dataSlice';
import type { PlaygroundState } from '../store/playgroundStore';
import { TaskViewer } from '../taskView/TaskViewer';
import { usePlayground } from '../training/context';
import { useStagePlotHeight } from './useStagePlotHeight';

/** The main chart's title and view switch, above a plot as tall as the task's. */
const CHART_ROOM = 150;
/**
 * In classroom mode, the room below the stage's top besides the plots, in rem: the panels' larger
 * headings, controls and captions (no row of views needs to fit; see page/classroom.css).
 */
const CLASSROOM_ROOM_REM = 17;

// A family drawn as a function of x gets the function view; image families the task viewer.
const selectSinusoid = (state: PlaygroundState) =>
  familyOfTask(state.run.config).view === 'function';
const selectNeedsData = (state: PlaygroundState) => awaitingData(state.run, state.data);

/**
 * A new task up close: the function view for sine waves, the task viewer for images, and, while
 * an Omniglot run waits for its images, the place to load them.
 */
function TaskUpClose({ plotHeight }: { readonly plotHeight: number }) {
  const sinusoid = usePlayground(selectSinusoid);
  const needsData = usePlayground(selectNeedsData);
  if (sinusoid) return <FunctionView compact plotHeight={plotHeight} />;
  return needsData ? <DataPanel /> : <TaskViewer />;
}

/**
 * What the first screen is for: a new task being learned, and the learning curve beside it, both
 * live while the run trains.
 */
export function Stage() {
  const stage = useRef<HTMLDivElement>(null);
  const { present } = usePageParams();
  const plotHeight = useStagePlotHeight(stage, present ? CLASSROOM_ROOM_REM : undefined);
  return (
    <div
      className="stage"
      ref={stage}
      style={{ '--plot-height': `${plotHeight}px` } as CSSProperties}
    >
      <Hideable name="task">
        <div className="stage-panel stage-task">
          <TaskUpClose plotHeight={plotHeight} />
        </div>
      </Hideable>
      <Hideable name="chart">
        <div className="stage-panel stage-chart">
          <MainChart height={plotHeight + CHART_ROOM} />
        </div>
      </Hideable>
    </div>
  );
}

import { familyOfTask, regressionFamily } from '../../core/families/registry';
import { plotGeometry, type PlotGeometry } from '../functionView/geometry';
import type { PlaygroundState } from '../store/playgroundStore';
import { usePlayground } from '../training/context';

const selectTask = (state: PlaygroundState) => state.run.config.task;

/** No grid: an image run's picture draws no fits. One array, so the watch is not renewed. */
const NO_GRID = new Float32Array(0);

/**
 * The window the fits are drawn in, for a family of functions; null for a family of images. Its
 * grid is what the view asks the worker to draw fits on.
 */
export function usePlotWindow(): { geometry: PlotGeometry | null; gridX: Float32Array } {
  const task = usePlayground(selectTask);
  if (familyOfTask({ task }).view !== 'function') return { geometry: null, gridX: NO_GRID };
  // plotGeometry keeps one geometry per window, so its grid is the same array at every render.
  const geometry = plotGeometry(regressionFamily({ task }).window);
  return { geometry, gridX: geometry.gridX };
}

import { regressionFamily } from '../../core/families/registry';
import type { PlaygroundState } from '../store/playgroundStore';
import { usePlayground } from '../training/context';
import { plotGeometry, type PlotGeometry } from './geometry';

const selectTask = (state: PlaygroundState) => state.run.config.task;

/** The window of the run's task family (the stage shows this view for function families only). */
export function usePlotGeometry(): PlotGeometry {
  return plotGeometry(regressionFamily({ task: usePlayground(selectTask) }).window);
}

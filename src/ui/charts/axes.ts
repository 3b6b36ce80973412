/**
 * Axes that several charts draw alike, built in one place so the same quantity gets the same
 * ticks, format and label on every chart that shows it.
 */
import { ACCURACY_TICKS, accuracyScale, formatPercentTick } from './accuracy';
import { formatCount, formatTick } from './format';
import { linearScale, logScale, type AxisSpec, type PlotArea } from './plot';
import { iterationAxisEnd, iterationTicks, type LogAxis } from './scales';

/** Meta-iterations from 0 to a round end at or past `lastIteration`, so the axis grows in steps. */
export function iterationAxis(lastIteration: number, area: PlotArea): AxisSpec {
  const end = iterationAxisEnd(lastIteration);
  return {
    scale: linearScale([0, end], [0, area.width]),
    ticks: iterationTicks(end),
    format: formatCount,
    label: 'Meta-iteration',
  };
}

/** Every step up to 10 steps, else round steps: 0, 5, 10, ... and the last. */
export function stepTicks(last: number): number[] {
  const every = last <= 10 ? 1 : last <= 25 ? 5 : 10;
  const ticks: number[] = [];
  for (let step = 0; step < last; step += every) ticks.push(step);
  ticks.push(last);
  return ticks;
}

/** Fine-tuning steps 0 to `last` on a new task (at least one step wide). */
export function stepAxis(last: number, area: PlotArea): AxisSpec {
  return {
    scale: linearScale([0, Math.max(1, last)], [0, area.width]),
    ticks: stepTicks(last),
    format: String,
    label: 'Fine-tuning steps on the new task',
  };
}

/** A value axis on a log scale over `log`'s domain, smallest at the bottom. */
export function logValueAxis(log: LogAxis, area: PlotArea, label: string): AxisSpec {
  return {
    scale: logScale(log.domain, [area.height, 0]),
    ticks: log.ticks,
    format: formatTick,
    label,
  };
}

/** The fixed 0-100% accuracy axis. */
export function accuracyAxis(area: PlotArea, label: string): AxisSpec {
  return {
    scale: accuracyScale(area),
    ticks: ACCURACY_TICKS,
    format: formatPercentTick,
    label,
  };
}

/** Held-out results: accuracy when `log` is null, else the loss on that log axis. */
export function heldOutAxis(area: PlotArea, lossName: string, log: LogAxis | null): AxisSpec {
  return log === null
    ? accuracyAxis(area, 'Held-out accuracy')
    : logValueAxis(log, area, `Held-out ${lossName} (log)`);
}

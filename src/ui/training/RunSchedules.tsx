import { useInsightsSchedule } from '../insights/useInsightsSchedule';
import { useEvaluationSchedule } from './useEvaluationSchedule';

/**
 * Asks the worker, on their own schedules, for what several views draw: held-out evaluations
 * (the charts and the comparison) and the learner's insights. Mounted once, whichever views show.
 */
export function RunSchedules() {
  useEvaluationSchedule();
  useInsightsSchedule();
  return null;
}

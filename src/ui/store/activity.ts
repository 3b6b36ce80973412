/** The status bar's words for what the worker does between Start and the first iteration. */
import type { TrainingPhase } from '../../worker/protocol';
import { formatMs } from '../../worker/ranking';

/** Expectations shorter than this are not worth mentioning. */
const MENTION_FROM_MS = 2_000;

export function activityText(phase: TrainingPhase): string {
  if (phase.kind === 'measuring') {
    return phase.backend === null ? 'Measuring backends…' : `Measuring backends: ${phase.backend}…`;
  }
  const about =
    phase.expectedMs !== null && phase.expectedMs >= MENTION_FROM_MS
      ? ` (about ${formatMs(phase.expectedMs)})`
      : '';
  return phase.compiling
    ? `Compiling GPU kernels on ${phase.backend}${about}…`
    : `First iteration on ${phase.backend}${about}…`;
}

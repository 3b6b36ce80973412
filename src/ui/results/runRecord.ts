/**
 * The `record` slice: what the results file needs of the run beyond what the charts keep. Every
 * iteration's training loss and accuracy (the charts average long curves), and times on the
 * page's clock: training (each stretch from Start, Step or Resume to its last reported iteration),
 * the latest held-out evaluation's work, and the one-shot runs' scoring.
 */
import type { WorkerEvent } from '../../worker/protocol';
import { appendToLog, emptyIterationLog, truncateLog, type IterationLog } from './iterationLog';

export interface RunRecord {
  readonly loss: IterationLog;
  /** Classification only: regression reports no accuracy. */
  readonly accuracy: IterationLog;
  readonly trainingMs: number;
  /** The iterations `trainingMs` covers. */
  readonly timedIterations: number;
  /** While training runs: when the time not yet counted began; null otherwise. */
  readonly timingSince: number | null;
  /** The worker's time on the latest evaluation that arrived, and its iteration. */
  readonly evaluationWork: { readonly iteration: number; readonly ms: number } | null;
  /** When the one-shot runs were last asked to be scored, until they are. */
  readonly oneShotAskedAt: number | null;
  readonly oneShotMs: number | null;
}

export function initialRecord(firstIteration = 1): RunRecord {
  return {
    loss: emptyIterationLog(firstIteration),
    accuracy: emptyIterationLog(firstIteration),
    trainingMs: 0,
    timedIterations: 0,
    timingSince: null,
    evaluationWork: null,
    oneShotAskedAt: null,
    oneShotMs: null,
  };
}

/**
 * The record of a run configured at `iteration`: a new run (`resumed` false) starts afresh, from
 * the iteration after a starting state's; a run resumed after a failure keeps what came before.
 */
export function recordFrom(record: RunRecord, iteration: number, resumed: boolean): RunRecord {
  if (!resumed) return initialRecord(iteration + 1);
  return {
    ...record,
    loss: truncateLog(record.loss, iteration),
    accuracy: truncateLog(record.accuracy, iteration),
    timingSince: null,
    evaluationWork:
      record.evaluationWork !== null && record.evaluationWork.iteration <= iteration
        ? record.evaluationWork
        : null,
  };
}

/** Start or Step was sent at `now`: training time counts from here. */
export function recordAfterStartRequested(record: RunRecord, now: number): RunRecord {
  return { ...record, timingSince: record.timingSince ?? now };
}

export function recordAfterOneShotRequest(record: RunRecord, now: number): RunRecord {
  return { ...record, oneShotAskedAt: now };
}

function afterProgress(
  record: RunRecord,
  event: Extract<WorkerEvent, { type: 'progress' }>,
  now: number,
): RunRecord {
  const count = event.metaTrainLoss.length;
  const timed = record.timingSince !== null && count > 0;
  return {
    ...record,
    loss: appendToLog(record.loss, event.metaTrainLoss, event.firstIteration),
    accuracy:
      count === 0 || Number.isNaN(event.metaTrainAccuracy[0])
        ? record.accuracy
        : appendToLog(record.accuracy, event.metaTrainAccuracy, event.firstIteration),
    trainingMs: record.trainingMs + (timed ? now - record.timingSince : 0),
    timedIterations: record.timedIterations + (timed ? count : 0),
    // A resumed run's first report starts its clock; the iterations in that report go untimed.
    timingSince: event.state !== 'running' ? null : timed ? now : (record.timingSince ?? now),
  };
}

/** The record after one worker event, at `now` on the page's clock. */
export function recordAfterEvent(record: RunRecord, event: WorkerEvent, now: number): RunRecord {
  switch (event.type) {
    case 'progress':
      return afterProgress(record, event, now);
    case 'finished':
      return { ...record, timingSince: null };
    case 'evaluation':
      return { ...record, evaluationWork: { iteration: event.iteration, ms: event.workMs } };
    case 'oneShotRuns':
      return record.oneShotAskedAt === null
        ? record
        : { ...record, oneShotAskedAt: null, oneShotMs: now - record.oneShotAskedAt };
    default:
      return record;
  }
}

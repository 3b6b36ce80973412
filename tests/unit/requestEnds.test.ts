/**
 * The page's stores when the worker ends a request without its answer: they stop waiting, keep
 * what they show, and keep the reason of a failure for a short message. Nothing waits on a timer.
 */
import { describe, expect, it } from 'vitest';
import { NO_RUN, type WorkerEvent } from '../../src/worker/protocol';
import { noInsights } from '../../src/core/trainer/types';
import {
  initialInspect,
  inspectAfterEvent,
  inspectAfterOneShotRequest,
  inspectAfterTaskRequest,
} from '../../src/ui/store/inspectSlice';
import { dataAfterEvent, dataAfterRequest, initialData } from '../../src/ui/store/dataSlice';
import {
  initialInsights,
  insightsAfterEvent,
  insightsAfterWatch,
} from '../../src/ui/store/insightsSlice';

function ended(
  requestId: number,
  outcome: 'cancelled' | 'failed',
  runId = 1,
): Extract<WorkerEvent, { type: 'requestEnded' }> {
  return { type: 'requestEnded', runId, requestId, outcome, message: `request ${requestId} ended` };
}

describe('a request that ends without its answer', () => {
  it('stops the task viewer and the one-shot panel waiting, and says why it failed', () => {
    const asked = inspectAfterOneShotRequest(inspectAfterTaskRequest(initialInspect(), 4, 2), 5);
    // Another request's end changes nothing.
    expect(inspectAfterEvent(asked, ended(9, 'failed'))).toBe(asked);
    const cancelled = inspectAfterEvent(asked, ended(4, 'cancelled'));
    expect(cancelled).toMatchObject({ task: 2, taskRequest: null, taskProblem: null });
    const failed = inspectAfterEvent(asked, ended(4, 'failed'));
    expect(failed).toMatchObject({ taskRequest: null, taskProblem: 'request 4 ended' });
    const scored = inspectAfterEvent(failed, ended(5, 'failed'));
    expect(scored.oneShotRequest).toBeNull();
    expect(scored.oneShot).toEqual({ iteration: 0, score: null, problem: 'request 5 ended' });
  });

  it('takes a file off the pending list with the reason the worker gave', () => {
    const pending = dataAfterRequest(initialData(), { requestId: 3, name: 'a.zip' });
    const after = dataAfterEvent(pending, ended(3, 'failed', NO_RUN));
    expect(after.pending).toEqual([]);
    expect(after.problem).toEqual({ name: 'a.zip', message: 'request 3 ended' });
    expect(dataAfterEvent(pending, ended(8, 'failed', NO_RUN))).toBe(pending);
  });

  it('ends the insights watch but keeps its last picture', () => {
    const watching = insightsAfterWatch(initialInsights(), 6);
    const pictured = insightsAfterEvent(watching, {
      type: 'insights',
      runId: 1,
      requestId: 6,
      insights: noInsights(3),
    });
    const failed = insightsAfterEvent(pictured, ended(6, 'failed'));
    expect(failed).toEqual({ watch: null, latest: noInsights(3), problem: 'request 6 ended' });
    expect(insightsAfterEvent(pictured, ended(6, 'cancelled')).problem).toBeNull();
    expect(insightsAfterEvent(pictured, ended(2, 'failed'))).toBe(pictured);
  });
});

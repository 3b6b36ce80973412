/**
 * What the page asks of a run beside training: held-out evaluations, the function view's previews,
 * insights, a held-out task up close and the one-shot runs. Each waits at the gate (training and a
 * backend measurement come first) and stops there once its run is replaced; an evaluation waits
 * before every chunk, and a newer evaluation of the same run replaces an older one.
 */
import type { Session } from '../core/session';
import { canPreview } from '../core/session/types';
import { ClassificationSession } from '../core/session/classificationSession';
import { CompareSession } from '../core/compare/compareSession';
import type { DatasetLibrary } from '../core/datasets/library';
import { inspectTask, scoreOneShotRuns } from './classificationRequests';
import { errorText } from './errorText';
import { Cancelled, type WorkGate } from './workGate';
import type { Command } from './protocol';
import type { Emit } from './runController';

export type BackgroundCommand = Extract<
  Command,
  { type: 'evaluate' | 'preview' | 'insights' | 'inspectTask' | 'scoreOneShotRuns' }
>;

export interface BackgroundContext {
  readonly emit: Emit;
  readonly gate: WorkGate;
  readonly library: DatasetLibrary;
  /** Tells the page how long the next chunk may keep the worker busy. */
  readonly announce: (what: 'evaluation', expectedMs: number) => void;
  /** The next training iteration's expected duration, the best guess for a first chunk. */
  readonly expectedIterationMs: () => number;
  /** Whether a failure was already reported another way (a lost device, a failed run). */
  readonly quietFailure: () => boolean;
}

/** The session a one-model view looks at: a comparison's first algorithm, else the session. */
function leadSession(session: Session): Session {
  return session instanceof CompareSession ? session.sessions[0]! : session;
}

export class BackgroundRequests {
  /** Numbers evaluations: an older one of the same run stops at its next chunk. */
  private latestEvaluation = 0;
  private chunkRunId = -1;
  private lastChunkMs: number | null = null;

  constructor(private readonly context: BackgroundContext) {}

  handle(command: BackgroundCommand, runId: number, session: Session): void {
    switch (command.type) {
      case 'evaluate':
        void this.evaluate(runId, session, command.tasks);
        return;
      case 'preview':
        void this.preview(runId, session, command);
        return;
      case 'insights':
        void this.insights(runId, session, command.requestId);
        return;
      case 'inspectTask':
      case 'scoreOneShotRuns':
        void this.classificationRequest(runId, session, command);
        return;
    }
  }

  private async evaluate(
    runId: number,
    session: Session,
    tasks: number | undefined,
  ): Promise<void> {
    const { emit, gate } = this.context;
    this.latestEvaluation += 1;
    const number = this.latestEvaluation;
    if (this.chunkRunId !== runId) {
      this.chunkRunId = runId;
      this.lastChunkMs = null;
    }
    let chunkStarted: number | null = null;
    let workMs = 0;
    /** Ends the chunk in progress, if any, and returns whether there was one. */
    const endChunk = (): boolean => {
      if (chunkStarted === null) return false;
      this.lastChunkMs = performance.now() - chunkStarted;
      workMs += this.lastChunkMs;
      return true;
    };
    // The first chunk starts at once: the turn was taken just before the evaluation began.
    const beforeChunk = async (): Promise<void> => {
      if (endChunk()) {
        await gate.turn(runId);
        if (number !== this.latestEvaluation) throw new Cancelled();
      }
      this.context.announce('evaluation', this.lastChunkMs ?? this.context.expectedIterationMs());
      chunkStarted = performance.now();
    };
    try {
      await gate.turn(runId);
      if (number !== this.latestEvaluation) return;
      // The session evaluates its parameters as they are now, whatever training does meanwhile.
      const iteration = session.iteration;
      const evaluation = await session.evaluate(tasks, beforeChunk);
      endChunk();
      if (!gate.isCurrent(runId)) return;
      emit({ type: 'evaluation', runId, iteration, evaluation, workMs });
    } catch (error) {
      if (error instanceof Cancelled || !gate.isCurrent(runId)) return;
      // As with previews, a lost GPU is reported once, with the offer to continue elsewhere.
      if (!this.context.quietFailure()) {
        emit({
          type: 'error',
          runId,
          message: `Evaluation failed: ${errorText(error)}`,
          recovery: null,
        });
      }
    }
  }

  private async preview(
    runId: number,
    session: Session,
    command: Extract<Command, { type: 'preview' }>,
  ): Promise<void> {
    const lead = leadSession(session);
    if (!canPreview(lead)) return;
    try {
      await this.context.gate.turn(runId);
      const iteration = session.iteration;
      const { maml, pretrained } = await lead.preview(
        command.supportX,
        command.supportY,
        command.gridX,
      );
      if (!this.context.gate.isCurrent(runId)) return;
      const buffers = [...maml, ...pretrained].map((curve) => curve.buffer);
      this.context.emit(
        { type: 'preview', runId, requestId: command.requestId, iteration, maml, pretrained },
        buffers,
      );
    } catch {
      // A preview that fails or is cancelled is not a failed run: the view keeps its last
      // curves, and a backend that broke is reported once, by training or the device-loss watch.
    }
  }

  private async insights(runId: number, session: Session, requestId: number): Promise<void> {
    try {
      await this.context.gate.turn(runId);
      const insights = await session.insights();
      if (!this.context.gate.isCurrent(runId)) return;
      this.context.emit({ type: 'insights', runId, requestId, insights });
    } catch {
      // Like a preview: a view that cannot be refreshed keeps its last picture.
    }
  }

  private async classificationRequest(
    runId: number,
    session: Session,
    command: Extract<Command, { type: 'inspectTask' | 'scoreOneShotRuns' }>,
  ): Promise<void> {
    const lead = leadSession(session);
    if (!(lead instanceof ClassificationSession)) return;
    try {
      await this.context.gate.turn(runId);
      const event =
        command.type === 'inspectTask'
          ? await inspectTask(lead, runId, command.requestId, command.task)
          : await scoreOneShotRuns(lead, this.context.library, runId, command.requestId);
      if (!this.context.gate.isCurrent(runId)) return;
      this.context.emit(event);
    } catch (error) {
      if (error instanceof Cancelled || this.context.quietFailure()) return;
      if (!this.context.gate.isCurrent(runId)) return;
      this.context.emit({ type: 'error', runId, message: errorText(error), recovery: null });
    }
  }
}

/**
 * The one-shot work of a run beside training: held-out evaluations (the worker's own schedule's,
 * or one the page asked for), a held-out task up close and the one-shot runs. Each waits at the
 * gate (training and a backend measurement come first) and stops there once its run is replaced;
 * an evaluation waits before every chunk, and a newer evaluation of the same run replaces an older
 * one. Whatever happens, a request is answered once: its result or `requestEnded`.
 */
import type { Trainer } from '../core/trainer';
import { isClassificationLearner } from '../core/trainer/classification/learner';
import type { DatasetLibrary } from '../core/datasets/library';
import { inspectTask, scoreOneShotRuns } from './classificationRequests';
import { errorText } from './errorText';
import { tf } from '../core/tfjs/tf';
import { describeOutOfMemory, isOutOfMemory } from '../core/trainer/outOfMemory';
import { Cancelled, type WorkGate } from './workGate';
import type { Command } from './protocol';
import type { Emit, Reply } from './replies';
import { RUN_REPLACED } from './viewFeed';

export type ClassificationCommand = Extract<Command, { type: 'inspectTask' | 'scoreOneShotRuns' }>;

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

const NOT_CLASSIFICATION = 'Only image classification runs have held-out tasks and one-shot runs.';

export class BackgroundRequests {
  /** Numbers evaluations: an older one of the same run stops at its next chunk. */
  private latestEvaluation = 0;
  private chunkRunId = -1;
  private lastChunkMs: number | null = null;

  constructor(private readonly context: BackgroundContext) {}

  /**
   * Evaluates `trainer` on held-out tasks and sends the result (answering `reply`, if the page
   * asked). Resolves with the worker's time spent on it, the wall time if it failed, or null if a
   * newer evaluation or a new run replaced it.
   */
  async evaluate(
    runId: number,
    trainer: Trainer,
    tasks: number | undefined,
    reply: Reply | null,
  ): Promise<number | null> {
    const { emit, gate } = this.context;
    this.latestEvaluation += 1;
    const number = this.latestEvaluation;
    if (this.chunkRunId !== runId) {
      this.chunkRunId = runId;
      this.lastChunkMs = null;
    }
    const started = performance.now();
    let chunkStarted: number | null = null;
    let workMs = 0;
    /** Ends the chunk in progress, if any, and returns whether there was one. */
    const endChunk = (): boolean => {
      if (chunkStarted === null) return false;
      this.lastChunkMs = performance.now() - chunkStarted;
      workMs += this.lastChunkMs;
      return true;
    };
    const replaced = () => number !== this.latestEvaluation;
    // The first chunk starts at once: the turn was taken just before the evaluation began.
    const beforeChunk = async (within?: 'step'): Promise<void> => {
      if (within === 'step') {
        await gate.between(runId);
        if (replaced()) throw new Cancelled();
        return;
      }
      if (endChunk()) {
        await gate.turn(runId);
        if (replaced()) throw new Cancelled();
      }
      this.context.announce('evaluation', this.lastChunkMs ?? this.context.expectedIterationMs());
      chunkStarted = performance.now();
    };
    try {
      await gate.turn(runId);
      if (replaced()) throw new Cancelled();
      // The trainer evaluates its parameters as they are now, whatever training does meanwhile.
      const iteration = trainer.iteration;
      const evaluation = await trainer.evaluate(tasks, beforeChunk);
      endChunk();
      if (!gate.isCurrent(runId)) throw new Cancelled();
      const event = {
        type: 'evaluation',
        runId,
        requestId: reply?.requestId ?? null,
        iteration,
        evaluation,
        workMs,
      } as const;
      if (reply === null) emit(event);
      else reply.answer(event);
      return workMs;
    } catch (error) {
      if (error instanceof Cancelled || !gate.isCurrent(runId)) {
        reply?.end(
          'cancelled',
          gate.isCurrent(runId) ? 'A newer evaluation replaced it.' : RUN_REPLACED,
        );
        return null;
      }
      const outOfMemory = isOutOfMemory(error);
      const message = outOfMemory
        ? describeOutOfMemory(
            trainer.config,
            trainer.iteration,
            tf.getBackend(),
            error,
            `Out of memory in the held-out evaluation at iteration ${trainer.iteration}`,
          )
        : `Evaluation failed: ${errorText(error)}`;
      if (reply !== null) reply.end('failed', message);
      // A lost GPU is reported once, with the offer to continue elsewhere.
      else if (!this.context.quietFailure())
        emit({ type: 'error', runId, message, recovery: null, outOfMemory });
      return performance.now() - started;
    }
  }

  /** A held-out task up close, or the one-shot runs: a view's request, not the run's. */
  async classification(
    runId: number,
    trainer: Trainer,
    command: ClassificationCommand,
    reply: Reply,
  ): Promise<void> {
    const { model, values } = trainer.lead;
    if (!isClassificationLearner(model)) {
      reply.end('failed', NOT_CLASSIFICATION);
      return;
    }
    try {
      await this.context.gate.turn(runId);
      const event =
        command.type === 'inspectTask'
          ? await inspectTask(trainer, { model, values }, runId, command.requestId, command.task)
          : await scoreOneShotRuns(
              trainer,
              { model, values },
              this.context.library,
              runId,
              command.requestId,
            );
      if (!this.context.gate.isCurrent(runId)) throw new Cancelled();
      reply.answer(event);
    } catch (error) {
      if (error instanceof Cancelled || !this.context.gate.isCurrent(runId)) {
        reply.end('cancelled', RUN_REPLACED);
      } else {
        // Not a failed run: the view keeps what it shows and says why.
        reply.end('failed', errorText(error));
      }
    }
  }
}

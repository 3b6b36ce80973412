/**
 * The worker's side of a run: owns the session, trains in short slices so commands (pause, a new
 * run) are handled promptly, streams progress, and turns a backend failure into an offer to
 * continue from the last completed iteration on the next backend.
 */
import { tf } from '../core/tfjs/tf';
import type { ExperimentConfig } from '../core/config';
import type { Session, SessionSnapshot } from '../core/session';
import { createSession, restoreSession } from '../core/session/createSession';
import { ClassificationSession } from '../core/session/classificationSession';
import { CompareSession } from '../core/compare/compareSession';
import { canPreview } from '../core/session/types';
import { DatasetLibrary } from '../core/datasets/library';
import { answerDataCommand } from './dataRequests';
import { inspectTask, scoreOneShotRuns } from './classificationRequests';
import { errorText, selectBackend, describeBackend, type Selection } from './backends';
import { loseDevice, watchDeviceLoss } from './deviceLoss';
import { ProgressStream } from './progressStream';
import { measureMetaIterationSpeed } from '../core/bench/metaIterationSpeed';
import {
  BACKEND_ORDER,
  type BackendName,
  type Command,
  type RunState,
  type WorkerEvent,
} from './protocol';

/** The session a one-model view looks at: a comparison's first algorithm, else the session. */
function leadSession(session: Session | null): Session | null {
  return session instanceof CompareSession ? session.sessions[0]! : session;
}

/** Longest stretch of training between two looks at the message queue. */
const SLICE_MS = 25;

export type Emit = (event: WorkerEvent, transfer?: Transferable[]) => void;

/** Lets queued messages (pause, a new run) run before training goes on. */
function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export class RunController {
  private runId = -1;
  private session: Session | null = null;
  /** Omniglot archives the user loaded; they outlive runs. */
  private readonly library = new DatasetLibrary();
  private backend: BackendName | null = null;
  private state: RunState = 'idle';
  private target = 0;
  /** Bumped to cancel whatever loop is running; a loop stops at its next look. */
  private generation = 0;
  private readonly stream = new ProgressStream();
  private lostReason: string | null = null;
  /** Settles when the active backend's GPU is lost, since a pending read-back may then never end. */
  private deviceLost: Promise<string> = new Promise<string>(() => undefined);
  private attempts: Selection['attempts'] = [];
  private readonly selections = new Map<string, Selection>();

  constructor(private readonly emit: Emit) {}

  async handle(command: Command): Promise<void> {
    if (command.type === 'configure') {
      await this.configure(command.runId, command.config, command.resume, command.exclude ?? []);
      return;
    }
    if (command.type === 'loadData' || command.type === 'clearData') {
      this.emit(answerDataCommand(this.library, command));
      return;
    }
    if (command.runId !== this.runId || !this.session) return;
    switch (command.type) {
      case 'start':
      case 'resume':
        this.train(this.session.config.iterations);
        return;
      case 'step':
        this.train(
          Math.min(this.session.iteration + command.count, this.session.config.iterations),
        );
        return;
      case 'pause':
        this.halt('paused');
        return;
      case 'stop':
        this.halt('stopped');
        this.emit({
          type: 'finished',
          runId: this.runId,
          iteration: this.session.iteration,
          divergence: null,
        });
        return;
      case 'reset':
        this.halt('idle');
        this.session = createSession(this.session.config, this.library);
        this.announceReady(0);
        return;
      // Evaluations, previews and benchmarks run beside training, not ahead of later commands:
      // one stuck on a lost GPU must not hold up the configure that moves the run elsewhere.
      case 'evaluate':
        void this.evaluate(command.tasks);
        return;
      case 'stats': {
        const memory = tf.memory();
        this.emit({
          type: 'stats',
          runId: this.runId,
          backend: this.backend ?? 'cpu',
          numTensors: memory.numTensors,
          numBytes: memory.numBytes,
        });
        return;
      }
      case 'simulateDeviceLoss':
        if (this.backend) loseDevice(this.backend);
        return;
      case 'preview':
        void this.preview(command.requestId, command.supportX, command.supportY, command.gridX);
        return;
      case 'benchmark':
        void this.benchmark(command.iterations, command.secondsPerEngine);
        return;
      case 'insights':
        void this.insights(command.requestId);
        return;
      case 'inspectTask':
      case 'scoreOneShotRuns':
        void this.classificationRequest(command);
        return;
    }
  }

  private selectionKey(config: ExperimentConfig, exclude: readonly BackendName[]): string {
    return `${config.backend}|${[...exclude].sort().join(',')}`;
  }

  private async configure(
    runId: number,
    config: ExperimentConfig,
    resume: SessionSnapshot | undefined,
    exclude: readonly BackendName[],
  ): Promise<void> {
    this.generation += 1;
    this.runId = runId;
    this.state = 'idle';
    this.session = null;
    const key = this.selectionKey(config, exclude);
    let selection = this.selections.get(key);
    if (!selection || (selection.backend !== null && selection.backend !== this.backend)) {
      selection = await selectBackend(config.backend, exclude);
      if (this.runId !== runId) return;
      if (selection.backend) {
        const backend = selection.backend;
        this.lostReason = null;
        this.deviceLost = new Promise<string>((resolve) => {
          watchDeviceLoss(backend, (reason) => {
            this.lostReason = reason;
            resolve(reason);
            // A running loop reports the loss itself; an idle or paused run has nobody to notice.
            if (this.state !== 'running' && this.session && this.backend === backend) {
              this.fail(this.runId, reason, this.session.snapshot());
            }
          });
        });
      }
      this.selections.set(key, selection);
    }
    this.backend = selection.backend;
    if (!selection.backend) {
      const reasons = selection.attempts.map((a) => `${a.backend}: ${a.reason}`).join('; ');
      this.emit({
        type: 'error',
        runId,
        message: `No backend could run the training (${reasons}).`,
        recovery: null,
      });
      return;
    }
    this.attempts = selection.attempts;
    try {
      this.session = resume
        ? restoreSession(resume, this.library)
        : createSession(config, this.library);
    } catch (error) {
      // Settings the data cannot serve (no Omniglot loaded, too few classes): no run, a message.
      this.emit({ type: 'error', runId, message: errorText(error), recovery: null });
      return;
    }
    this.announceReady(this.session.iteration);
  }

  private announceReady(iteration: number): void {
    const backend = this.backend!;
    const attempts = this.attempts;
    this.stream.restart(iteration);
    const runId = this.runId;
    void describeBackend(backend).then((adapter) => {
      if (runId === this.runId)
        this.emit({ type: 'ready', runId, backend, adapter, attempts, iteration });
    });
  }

  private halt(state: RunState): void {
    this.generation += 1;
    this.state = state;
    this.flush(this.runId);
  }

  private train(target: number): void {
    if (!this.session || this.state === 'running' || this.state === 'failed') return;
    if (this.session.divergence || this.session.iteration >= this.session.config.iterations) return;
    this.target = target;
    this.state = 'running';
    this.generation += 1;
    void this.loop(this.generation, this.runId, this.session);
  }

  private async loop(generation: number, runId: number, session: Session): Promise<void> {
    const current = (): boolean => generation === this.generation;
    const gpu = this.backend === 'webgpu' || this.backend === 'webgl';
    let sliceStart = performance.now();
    while (current() && session.iteration < this.target) {
      // On a GPU a lost device can make a step return garbage instead of failing, so keep the
      // state from before each step to fall back on.
      const before = gpu ? session.snapshot() : null;
      let result;
      try {
        // After a lost WebGL context a read-back can wait forever: the loss ends the wait.
        const outcome = await Promise.race([
          session.step(),
          this.deviceLost.then((reason) => ({ lost: reason })),
        ]);
        if ('lost' in outcome) {
          if (current()) this.fail(runId, outcome.lost, before ?? session.snapshot());
          return;
        }
        result = outcome;
      } catch (error) {
        if (current()) this.fail(runId, errorText(error), session.snapshot());
        return;
      }
      if (!current()) return;
      if (this.lostReason) {
        this.fail(runId, this.lostReason, before ?? session.snapshot());
        return;
      }
      if (!result.ok) {
        this.state = 'finished';
        this.flush(runId);
        this.emit({
          type: 'finished',
          runId,
          iteration: session.iteration,
          divergence: result.divergence,
        });
        return;
      }
      this.stream.add(result.metrics);
      const now = performance.now();
      if (this.stream.due(now)) this.flush(runId);
      if (now - sliceStart > SLICE_MS) {
        await yieldToEvents();
        sliceStart = performance.now();
      }
    }
    if (!current()) return;
    const done = session.iteration >= session.config.iterations;
    this.state = done ? 'finished' : 'paused';
    this.flush(runId);
    if (done)
      this.emit({ type: 'finished', runId, iteration: session.iteration, divergence: null });
  }

  private flush(runId: number): void {
    if (!this.session) return;
    const batch = this.stream.take(performance.now(), this.session.iteration);
    this.emit(
      { type: 'progress', runId, state: this.state, iteration: this.session.iteration, ...batch },
      [
        batch.metaTrainLoss.buffer,
        batch.pretrainedLoss.buffer,
        batch.metaTrainAccuracy.buffer,
        batch.pretrainedAccuracy.buffer,
        batch.taskLossBefore.buffer,
        batch.taskLossAfter.buffer,
        ...(batch.comparedLoss ?? []).map((losses) => losses.buffer),
      ],
    );
  }

  private fail(runId: number, reason: string, snapshot: SessionSnapshot): void {
    const failedBackend = this.backend!;
    this.generation += 1;
    this.state = 'failed';
    this.flush(runId);
    // The next one down the fallback order: faster ones above it were already passed over.
    const nextBackend = BACKEND_ORDER[BACKEND_ORDER.indexOf(failedBackend) + 1] ?? null;
    this.emit({
      type: 'error',
      runId,
      message:
        `The ${failedBackend} backend failed at iteration ${snapshot.iteration + 1}: ` +
        `${reason.replace(/\.+$/, '')}. ` +
        `Training is paused with ${snapshot.iteration} iterations done.`,
      recovery: { failedBackend, nextBackend, snapshot },
    });
    // The failed backend cannot be trusted again in this worker.
    this.selections.clear();
    this.backend = null;
  }

  private async benchmark(iterations: number, secondsPerEngine: number): Promise<void> {
    this.halt(this.state === 'running' ? 'paused' : this.state);
    const runId = this.runId;
    const backend = this.backend!;
    try {
      const rows = await measureMetaIterationSpeed(this.session!.config, {
        iterations,
        secondsPerEngine,
        now: () => performance.now(),
      });
      if (runId === this.runId) this.emit({ type: 'benchmark', runId, backend, rows });
    } catch (error) {
      if (runId === this.runId) {
        this.emit({
          type: 'error',
          runId,
          message: `Benchmark failed: ${errorText(error)}`,
          recovery: null,
        });
      }
    }
  }

  private async preview(
    requestId: number,
    supportX: Float32Array,
    supportY: Float32Array,
    gridX: Float32Array,
  ): Promise<void> {
    const session = this.session;
    const lead = leadSession(session);
    if (!session || !lead || !canPreview(lead)) return;
    const runId = this.runId;
    try {
      const iteration = session.iteration;
      const { maml, pretrained } = await lead.preview(supportX, supportY, gridX);
      if (runId !== this.runId) return;
      const buffers = [...maml, ...pretrained].map((curve) => curve.buffer);
      this.emit({ type: 'preview', runId, requestId, iteration, maml, pretrained }, buffers);
    } catch {
      // A preview that fails is not a failed run: the view keeps its last curves, and a backend
      // that broke is reported once, by training or by the device-loss watch, with a way on.
    }
  }

  private async insights(requestId: number): Promise<void> {
    const session = this.session;
    const runId = this.runId;
    if (!session) return;
    try {
      const insights = await session.insights();
      if (runId === this.runId) this.emit({ type: 'insights', runId, requestId, insights });
    } catch {
      // Like a preview: a view that cannot be refreshed keeps its last picture; a broken backend
      // is reported by training or by the device-loss watch.
    }
  }

  private async classificationRequest(
    command: Extract<Command, { type: 'inspectTask' | 'scoreOneShotRuns' }>,
  ): Promise<void> {
    const session = leadSession(this.session);
    const runId = this.runId;
    if (!(session instanceof ClassificationSession)) return;
    try {
      const event =
        command.type === 'inspectTask'
          ? await inspectTask(session, runId, command.requestId, command.task)
          : await scoreOneShotRuns(session, this.library, runId, command.requestId);
      if (runId === this.runId) this.emit(event);
    } catch (error) {
      if (runId === this.runId && this.lostReason === null && this.state !== 'failed') {
        this.emit({ type: 'error', runId, message: errorText(error), recovery: null });
      }
    }
  }

  private async evaluate(tasks: number | undefined): Promise<void> {
    const session = this.session!;
    const runId = this.runId;
    try {
      const evaluation = await session.evaluate(tasks);
      if (runId === this.runId)
        this.emit({ type: 'evaluation', runId, iteration: session.iteration, evaluation });
    } catch (error) {
      // As with previews, a lost GPU is reported once, with the offer to continue elsewhere.
      if (runId === this.runId && this.lostReason === null && this.state !== 'failed') {
        this.emit({
          type: 'error',
          runId,
          message: `Evaluation failed: ${errorText(error)}`,
          recovery: null,
        });
      }
    }
  }
}

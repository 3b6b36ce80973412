/**
 * The worker's side of a run: owns the trainer, trains in short slices so commands (pause, a new
 * run) are handled promptly, streams progress, and turns a backend failure into an offer to
 * continue from the last completed iteration on the next backend. Training comes first: other
 * work waits at the gate, and work of a replaced run stops there.
 */
import { isInterrupted } from '../core/tfjs/interruption';
import { checkBudget, exceedsBudget } from '../core/bench/costBudget';
import { tf } from '../core/tfjs/tf';
import type { Trainer, TrainerSnapshot } from '../core/trainer';
import { createTrainer, restoreTrainer } from '../core/trainer/createTrainer';
import { DatasetLibrary } from '../core/datasets/library';
import { costKey } from '../core/bench/costKey';
import { BackendChoice, type Choice } from './backendChoice';
import { describeAdapter } from './adapterInfo';
import { loseDevice } from './deviceLoss';
import { ProgressStream } from './progressStream';
import { measureMetaIterationSpeed } from '../core/bench/metaIterationSpeed';
import { errorText } from './errorText';
import { describeOutOfMemory, isOutOfMemory } from '../core/trainer/outOfMemory';
import { WorkGate } from './workGate';
import { yieldToEvents } from './yieldToEvents';
import type { MeasurementJob } from './measurement';
import { START_GRACE_MS, compilesKernels } from './measurementRules';
import { expectedIterationMs, worthAnnouncing } from './stepExpectation';
import { RunRequests } from './runRequests';
import { CurveRecorder } from '../core/trainer/curveRecorder';
import { StepLatch } from './stepLatch';
import { answerSnapshot } from './snapshotReply';
import type { Emit, Reply } from './replies';
import {
  NO_RUN,
  type BackendAttempt,
  type BackendName,
  type Command,
  type RunState,
} from './protocol';

/** Longest stretch of training between two looks at the message queue. */
const SLICE_MS = 25;

/** Requests that adapt held-out tasks, as large as the run's evaluation: not for a run over budget. */
const HELD_OUT_WORK: ReadonlySet<string> = new Set(['evaluate', 'inspectTask', 'scoreOneShotRuns']);

export class RunController {
  private runId = -1;
  private trainer: Trainer | null = null;
  /** Omniglot archives the user loaded; they outlive runs. */
  private readonly library = new DatasetLibrary();
  private state: RunState = 'idle';
  private target = 0;
  /** Bumped to cancel whatever loop is running; a loop stops at its next look. */
  private generation = 0;
  private readonly stream = new ProgressStream();
  /** Every iteration's numbers of the run, for its checkpoints. */
  private readonly curves = new CurveRecorder();
  /** Held while a step is in flight: snapshots wait for the iteration to end. */
  private readonly latch = new StepLatch();
  private attempts: readonly BackendAttempt[] = [];
  private reason = '';
  /** Backends that failed during this run (the page's list). */
  private exclude: readonly BackendName[] = [];
  /** The run's settings are over the cost budget and the user has not said to run them anyway. */
  private overBudget = false;
  /** Whether the page shows each task's loss before adaptation; that pass is skipped otherwise. */
  private taskLossesShown = false;
  /** Iterations this run has done since it was configured, and how long the latest took. */
  private iterationsThisRun = 0;
  private lastIterationMs: number | null = null;
  /** The expectation last announced to the page. */
  private lastAnnouncedMs = 0;
  private readonly gate = new WorkGate();
  private readonly backends: BackendChoice;
  private readonly requests: RunRequests;

  constructor(private readonly emit: Emit) {
    this.backends = new BackendChoice({
      onMeasurement: (job, note) => {
        this.onMeasurement(job, note);
      },
      onDeviceLost: (reason) => {
        // A running loop reports the loss itself; an idle or paused run has nobody to notice.
        if (this.state !== 'running' && this.trainer) {
          this.fail(this.runId, reason, this.trainer.snapshot());
        }
      },
    });
    this.requests = new RunRequests({
      emit,
      gate: this.gate,
      library: this.library,
      announce: (what, expectedMs) => {
        this.announce(what, expectedMs);
      },
      expectedIterationMs: () => this.expectedIterationMs(),
      quietFailure: () => this.backends.lost !== null || this.state === 'failed',
      current: () => ({ runId: this.runId, trainer: this.trainer, state: this.state }),
    });
  }

  async handle(command: Command): Promise<void> {
    if (command.type === 'configure') {
      await this.configure(command);
      return;
    }
    if (command.type === 'loadData' || command.type === 'clearData') {
      this.requests.answerData(command);
      return;
    }
    if (command.type === 'taskLosses') {
      this.taskLossesShown = command.shown;
      return;
    }
    // The worker's entry blocks its thread on `hang` as the command arrives.
    if (command.type === 'hang' || command.type === 'urgentCounter') return;
    if (command.runId !== this.runId || !this.trainer) {
      // Too late or too early, yet answered: the page never waits for a reply that will not come.
      if ('requestId' in command) this.requests.refuse(command, this.runId);
      return;
    }
    const trainer = this.trainer;
    const trains = command.type === 'start' || command.type === 'resume' || command.type === 'step';
    if (trains && this.overBudget) {
      const { over } = checkBudget(trainer.config);
      this.emit({
        type: 'error',
        runId: this.runId,
        message: `This run is over the cost budget and was not started. ${over.join(' ')}`,
        recovery: null,
      });
      return;
    }
    switch (command.type) {
      case 'start':
      case 'resume':
        this.train(trainer.config.iterations);
        return;
      case 'step':
        this.train(Math.min(trainer.iteration + command.count, trainer.config.iterations));
        return;
      case 'pause':
        this.halt('paused');
        return;
      case 'stop':
        this.halt('stopped');
        this.emit({
          type: 'finished',
          runId: this.runId,
          iteration: trainer.iteration,
          divergence: null,
        });
        return;
      case 'reset':
        // As halt does, but nothing is scheduled for the trainer about to go.
        this.generation += 1;
        this.setState('idle');
        this.flush(this.runId);
        this.trainer = createTrainer(trainer.config, this.library);
        this.curves.restart(0, null);
        this.iterationsThisRun = 0;
        this.requests.newTrainer();
        this.announceReady(0);
        return;
      case 'stats': {
        const memory = tf.memory();
        this.emit({
          type: 'stats',
          runId: this.runId,
          backend: this.backends.backend ?? 'cpu',
          numTensors: memory.numTensors,
          numBytes: memory.numBytes,
        });
        return;
      }
      case 'simulateDeviceLoss': {
        const backend = this.backends.backend;
        if (backend) loseDevice(backend);
        return;
      }
      case 'snapshot': {
        const reply = this.requests.replies.open(this.runId, command.requestId);
        void answerSnapshot(reply, () => this.trainer, this.curves, this.latch);
        return;
      }
      case 'benchmark': {
        const reply = this.requests.replies.open(this.runId, command.requestId);
        void this.benchmark(command.iterations, command.secondsPerEngine, reply);
        return;
      }
      // Evaluations, previews and the like run beside training, not ahead of later commands:
      // one stuck on a lost GPU must not hold up the configure that moves the run elsewhere.
      default:
        if (this.overBudget && HELD_OUT_WORK.has(command.type) && 'requestId' in command) {
          this.requests.refuseOverBudget(command);
          return;
        }
        this.requests.handle(command, this.runId, trainer);
        return;
    }
  }

  private async configure(command: Extract<Command, { type: 'configure' }>): Promise<void> {
    const { runId, config, resume } = command;
    const exclude = command.exclude ?? [];
    this.generation += 1;
    this.runId = runId;
    this.setState('idle');
    this.trainer = null;
    this.gate.newRun(runId);
    // A run over the cost budget waits for the user's word: nothing large is made for it.
    const overBudget = command.force !== true && exceedsBudget(config);
    this.overBudget = overBudget;
    this.requests.newRun(runId, command.scheduleEvaluations !== false && !overBudget);
    this.exclude = exclude;
    this.iterationsThisRun = 0;
    this.lastIterationMs = null;
    const choice =
      config.backend === 'auto' && !overBudget
        ? await this.backends.chooseFastest(config, {
            exclude,
            measured: command.measured ?? [],
            remeasure: command.remeasure === true,
          })
        : await this.backends.chooseNamed(
            config.backend === 'auto' ? 'wasm' : config.backend,
            exclude,
            config,
            command.measured ?? [],
          );
    if (this.runId !== runId) return;
    this.gate.setMeasuring(this.backends.measuring);
    if (!choice.backend) {
      const reasons = choice.attempts.map((a) => `${a.backend}: ${a.reason}`).join('; ');
      this.emit({
        type: 'error',
        runId,
        message: `No backend could run the training (${reasons}).`,
        recovery: null,
      });
      return;
    }
    this.attempts = choice.attempts;
    this.reason = choice.reason;
    try {
      this.trainer = resume
        ? restoreTrainer(resume, this.library)
        : createTrainer(config, this.library);
    } catch (error) {
      // Settings the data cannot serve (no Omniglot loaded, too few classes): no run, a message.
      this.emit({ type: 'error', runId, message: errorText(error), recovery: null });
      return;
    }
    this.curves.restart(this.trainer.iteration, command.curves ?? null);
    this.announceReady(this.trainer.iteration);
  }

  private announceReady(iteration: number): void {
    const backend = this.backends.backend!;
    const { attempts, reason, runId } = this;
    this.stream.restart(iteration);
    void describeAdapter(backend).then(({ text }) => {
      if (runId === this.runId) {
        this.emit({ type: 'ready', runId, backend, adapter: text, attempts, reason, iteration });
        // The ready run's starting point is evaluated, and watched views get their pictures.
        this.requests.changed();
      }
    });
  }

  /** A measurement moved on: the page hears of it; once over, the run may move to the winner. */
  private onMeasurement(job: MeasurementJob, note: string | null): void {
    this.emit({
      type: 'measurement',
      runId: NO_RUN,
      key: job.key,
      note,
      results: job.results,
      measuring: job.measuring,
    });
    if (!job.done) {
      this.gate.setMeasuring(true);
      return;
    }
    void this.afterMeasurement(job);
  }

  /**
   * A run that has not trained yet moves to the fastest backend found; other work waits until it
   * has, so nothing is half-computed on the old one.
   */
  private async afterMeasurement(job: MeasurementJob): Promise<void> {
    const trainer = this.trainer;
    const runId = this.runId;
    try {
      const untrained = this.state !== 'running' && this.iterationsThisRun === 0;
      const ours = trainer?.config.backend === 'auto' && costKey(trainer.config) === job.key;
      if (trainer && untrained && ours) {
        const choice = await this.backends.chooseMeasured(trainer.config, this.exclude);
        if (runId === this.runId) await this.announceChoice(choice);
      }
    } finally {
      if (!this.backends.measuring) this.gate.setMeasuring(false);
    }
  }

  private async announceChoice(choice: Choice): Promise<void> {
    const backend = choice.backend;
    if (backend === null) return;
    this.attempts = choice.attempts;
    this.reason = choice.reason;
    this.lastIterationMs = null;
    const runId = this.runId;
    const { text } = await describeAdapter(backend);
    if (runId !== this.runId) return;
    this.emit({
      type: 'backendChosen',
      runId,
      backend,
      adapter: text,
      attempts: choice.attempts,
      reason: choice.reason,
    });
  }

  private setState(state: RunState): void {
    this.state = state;
    this.gate.setTraining(state === 'running');
  }

  private halt(state: RunState): void {
    this.generation += 1;
    this.setState(state);
    this.flush(this.runId);
    this.requests.changed();
  }

  private train(target: number): void {
    if (!this.trainer || this.state === 'running' || this.state === 'failed') return;
    if (this.trainer.divergence || this.trainer.iteration >= this.trainer.config.iterations) return;
    this.target = target;
    this.setState('running');
    this.generation += 1;
    // The page hears at once that training is under way, before a first iteration that may wait
    // for a measurement or compile for long.
    this.flush(this.runId);
    this.requests.changed();
    void this.loop(this.generation, this.runId, this.trainer);
  }

  /** The next iteration's expected wall time on the active backend. */
  private expectedIterationMs(): number {
    const backend = this.backends.backend;
    const config = this.trainer?.config;
    if (!backend || !config) return this.lastIterationMs ?? 0;
    return expectedIterationMs({
      lastIterationMs: this.lastIterationMs,
      measurement: this.backends.measured(config, backend),
      warm: this.backends.isWarm(config, backend),
    });
  }

  /** Tells the page, before long work, how long its silence may last. */
  private announce(what: 'iteration' | 'evaluation', expectedMs: number): void {
    if (!worthAnnouncing(expectedMs, this.lastAnnouncedMs)) return;
    this.lastAnnouncedMs = expectedMs;
    this.emit({ type: 'busy', runId: NO_RUN, what, expectedMs });
  }

  /**
   * Before a run's first iteration: a measurement still running gets a moment more and is then
   * cut short, and the run moves to the fastest backend found. Returns false if cancelled.
   */
  private async beforeFirstIteration(current: () => boolean, trainer: Trainer): Promise<boolean> {
    const job = this.backends.measuringFor(trainer.config);
    if (job) {
      const phase = {
        kind: 'measuring',
        backend: job.measuring?.backend ?? null,
        graceMs: START_GRACE_MS,
      } as const;
      this.emit({ type: 'phase', runId: this.runId, phase });
      await job.hurry(START_GRACE_MS);
      if (!current()) return false;
      const choice = await this.backends.chooseMeasured(trainer.config, this.exclude);
      if (!current()) return false;
      await this.announceChoice(choice);
      if (!current()) return false;
    }
    const backend = this.backends.backend;
    if (backend === null) return false;
    this.emit({
      type: 'phase',
      runId: this.runId,
      phase: {
        kind: 'first-iteration',
        backend,
        compiling: !this.backends.isWarm(trainer.config, backend),
        expectedMs: this.backends.measured(trainer.config, backend)
          ? this.expectedIterationMs()
          : null,
      },
    });
    return true;
  }

  private async loop(generation: number, runId: number, trainer: Trainer): Promise<void> {
    const current = (): boolean => generation === this.generation;
    if (this.iterationsThisRun === 0 && !(await this.beforeFirstIteration(current, trainer)))
      return;
    const backend = this.backends.backend!;
    const gpu = compilesKernels(backend);
    let sliceStart = performance.now();
    while (current() && trainer.iteration < this.target) {
      // On a GPU a lost device can make a step return garbage instead of failing, so keep the
      // state from before each step to fall back on.
      const before = gpu ? trainer.snapshot() : null;
      this.announce('iteration', this.expectedIterationMs());
      const started = performance.now();
      let result;
      try {
        // After a lost WebGL context a read-back can wait forever: the loss ends the wait.
        const outcome = await this.unlessLost(this.latch.run(this.recordedStep(trainer)));
        if ('lost' in outcome) {
          if (current()) this.fail(runId, outcome.lost, before ?? trainer.snapshot());
          return;
        }
        result = outcome;
      } catch (error) {
        if (!current()) return;
        if (isInterrupted(error)) {
          // The page posted something urgent mid-iteration: the step was rolled back; the command
          // is read now, and the iteration is done again after it (unless it ended the loop).
          this.gate.handOver();
          await yieldToEvents();
          sliceStart = performance.now();
          continue;
        }
        if (isOutOfMemory(error)) this.outOfMemory(runId, error, trainer);
        else this.fail(runId, errorText(error), trainer.snapshot());
        return;
      }
      if (!current()) return;
      const lost = this.backends.lost;
      if (lost) {
        this.fail(runId, lost, before ?? trainer.snapshot());
        return;
      }
      if (!result.ok) {
        this.setState('finished');
        this.flush(runId);
        this.emit({
          type: 'finished',
          runId,
          iteration: trainer.iteration,
          divergence: result.divergence,
        });
        this.requests.changed();
        return;
      }
      this.lastIterationMs = performance.now() - started;
      this.iterationsThisRun += 1;
      this.backends.markWarm(trainer.config, backend);
      this.stream.add(result.metrics);
      this.requests.changed();
      const now = performance.now();
      if (this.stream.due(now)) this.flush(runId);
      if (now - sliceStart > SLICE_MS) {
        this.gate.handOver();
        await yieldToEvents();
        sliceStart = performance.now();
      }
    }
    if (!current()) return;
    const done = trainer.iteration >= trainer.config.iterations;
    this.setState(done ? 'finished' : 'paused');
    this.flush(runId);
    if (done)
      this.emit({ type: 'finished', runId, iteration: trainer.iteration, divergence: null });
    this.requests.changed();
  }

  /**
   * One training step whose numbers go into the run's curves as soon as it completes, even when
   * a pause came meanwhile, so a snapshot and its curves always end at the same iteration.
   */
  private async recordedStep(trainer: Trainer) {
    const result = await trainer.step({ taskDetail: this.taskLossesShown });
    if (result.ok && trainer === this.trainer) this.curves.add(result.metrics);
    return result;
  }

  /** `work`'s result, or the reason the device was lost first; nothing stays registered after. */
  private unlessLost<T>(work: Promise<T>): Promise<T | { readonly lost: string }> {
    const already = this.backends.lost;
    if (already !== null) return Promise.resolve({ lost: already });
    return new Promise((resolve, reject) => {
      const stop = this.backends.onLost((reason) => {
        stop();
        resolve({ lost: reason });
      });
      work.then(
        (value) => {
          stop();
          resolve(value);
        },
        (error: unknown) => {
          stop();
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  private flush(runId: number): void {
    if (!this.trainer) return;
    const batch = this.stream.take(performance.now(), this.trainer.iteration);
    this.emit(
      { type: 'progress', runId, state: this.state, iteration: this.trainer.iteration, ...batch },
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

  /**
   * The engine ran out of memory: the run stops with a message naming the settings to reduce.
   * No backend is offered to go on (the same settings need the same memory); the page stops
   * this worker, which frees its memory.
   */
  private outOfMemory(runId: number, error: unknown, trainer: Trainer): void {
    const backend = this.backends.backend ?? 'cpu';
    this.generation += 1;
    this.setState('failed');
    this.flush(runId);
    const message = describeOutOfMemory(trainer.config, trainer.iteration, backend, error);
    this.emit({ type: 'error', runId, message, recovery: null, outOfMemory: true });
  }

  private fail(runId: number, reason: string, snapshot: TrainerSnapshot): void {
    const failedBackend = this.backends.backend!;
    this.generation += 1;
    this.setState('failed');
    this.flush(runId);
    // The next best for this experiment (auto), or the next down the fallback order.
    const nextBackend = this.backends.nextAfter(failedBackend, snapshot.config, this.exclude);
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
    this.backends.markBroken(failedBackend);
  }

  private async benchmark(
    iterations: number,
    secondsPerEngine: number,
    reply: Reply,
  ): Promise<void> {
    this.halt(this.state === 'running' ? 'paused' : this.state);
    const runId = this.runId;
    const backend = this.backends.backend!;
    try {
      const rows = await measureMetaIterationSpeed(this.trainer!.config, {
        iterations,
        secondsPerEngine,
        now: () => performance.now(),
      });
      // A run replaced meanwhile had its request ended then: this answer goes nowhere.
      reply.answer({ type: 'benchmark', runId, requestId: reply.requestId, backend, rows });
    } catch (error) {
      reply.end('failed', `Benchmark failed: ${errorText(error)}`);
    }
  }
}

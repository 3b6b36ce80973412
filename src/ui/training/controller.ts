/**
 * What the buttons, the shortcuts and the backend choice do: each turns into commands for the
 * training client and a note in the store. The client is attached while the page is mounted;
 * before that (and after) every action does nothing.
 */
import type { ExperimentConfig } from '../../core/config';
import type { SessionSnapshot } from '../../core/session';
import type { TrainingClient } from '../worker/trainingClient';
import type { PlaygroundStore } from '../store/playgroundStore';
import { failedBackends, type BackendFailure, type RunSlice } from '../store/runSlice';

export type BackendChoice = ExperimentConfig['backend'];

/** Whether training can begin or go on from here (it has iterations left and is not busy). */
function hasWorkLeft(run: RunSlice): boolean {
  return run.iteration < run.config.iterations && run.divergence === null;
}

export function canStart(run: RunSlice): boolean {
  return run.state === 'idle' && hasWorkLeft(run);
}

export function canStep(run: RunSlice): boolean {
  return (run.state === 'idle' || run.state === 'paused') && hasWorkLeft(run);
}

export function canPauseOrResume(run: RunSlice): boolean {
  return run.state === 'running' || (run.state === 'paused' && hasWorkLeft(run));
}

export function canReset(run: RunSlice): boolean {
  if (run.state === 'starting' || run.workerFailure !== null) return false;
  return !(run.state === 'idle' && run.iteration === 0);
}

interface ConfigureOptions {
  readonly resume?: SessionSnapshot | null;
  readonly failures?: readonly BackendFailure[];
  readonly message?: string | null;
}

export class PlaygroundController {
  private client: TrainingClient | null = null;

  constructor(private readonly store: PlaygroundStore) {}

  /** Connects the client and configures a run from the current settings. */
  attach(client: TrainingClient): void {
    this.client = client;
    this.configureFromSettings();
  }

  detach(): void {
    this.client = null;
  }

  /** The attached client (null before mounting and after), for views that ask the worker. */
  get trainingClient(): TrainingClient | null {
    return this.client;
  }

  /** A new run from the settings in the address, from iteration 0, on any backend. */
  configureFromSettings(): void {
    this.configure(this.store.getState().settings.config);
  }

  /** Start, pause or resume, whichever fits: what Space and K do. */
  toggle(): void {
    const run = this.run();
    if (canStart(run)) this.start();
    else if (canPauseOrResume(run)) this.pauseOrResume();
  }

  start(): void {
    if (canStart(this.run())) this.client?.send({ type: 'start' });
  }

  pauseOrResume(): void {
    const run = this.run();
    if (!canPauseOrResume(run)) return;
    this.client?.send({ type: run.state === 'running' ? 'pause' : 'resume' });
  }

  /** Trains exactly one more iteration, then pauses. */
  step(): void {
    if (canStep(this.run())) this.client?.send({ type: 'step', count: 1 });
  }

  /**
   * Back to iteration 0 with the same settings and backend. Done as a fresh run rather than the
   * worker's reset, so no progress of the old session can arrive after the charts were cleared.
   */
  reset(): void {
    const run = this.run();
    if (!canReset(run)) return;
    this.configure(run.backend === null ? run.config : { ...run.config, backend: run.backend }, {
      failures: run.failures,
    });
  }

  /**
   * Applies settings chosen on the page: they go into the address as a new history entry and a
   * new run is configured with them, from iteration 0. With `start`, training begins at once.
   * Settings equal to the current ones change nothing.
   */
  commitSettings(config: ExperimentConfig, options: { readonly start?: boolean } = {}): void {
    if (!this.store.getState().commitSettings(config)) return;
    this.configureFromSettings();
    if (options.start === true) this.client?.send({ type: 'start' });
  }

  /** Saves the backend in the address and starts a new run on it. */
  chooseBackend(backend: BackendChoice): void {
    if (this.store.getState().setSetting('backend', backend)) this.configureFromSettings();
  }

  /**
   * Back, Forward or an edited hash changed the address: the settings are read again from it and
   * from its history entry, and if they differ, a new run is configured for them.
   */
  followLink(text: string, historyState: unknown): void {
    const changed = this.store.getState().loadSettingsFromLink(text, historyState);
    if (changed) this.configureFromSettings();
  }

  /** Accepts the worker's offer: the same run goes on from its snapshot on the next backend. */
  continueOnNextBackend(): void {
    const run = this.run();
    const offer = run.recovery;
    if (offer === null || offer.nextBackend === null) return;
    const { nextBackend, snapshot } = offer;
    this.configure(
      { ...run.config, backend: nextBackend },
      {
        resume: snapshot,
        failures: run.failures,
        message: `Continuing on ${nextBackend} from iteration ${snapshot.iteration}, after ${offer.failedBackend} failed.`,
      },
    );
    this.client?.send({ type: 'start' });
  }

  /** Replaces a crashed or hung worker and configures again, from the last snapshot if any. */
  restartWorker(): void {
    const client = this.client;
    if (client === null) return;
    const run = this.run();
    client.restart();
    const snapshot = run.snapshot;
    this.configure(this.store.getState().settings.config, {
      resume: snapshot,
      failures: run.failures,
      message:
        snapshot === null
          ? 'Started a new worker; training begins again at iteration 0.'
          : `Started a new worker; training can go on from iteration ${snapshot.iteration}.`,
    });
  }

  private run(): RunSlice {
    return this.store.getState().run;
  }

  private configure(config: ExperimentConfig, options: ConfigureOptions = {}): void {
    const client = this.client;
    if (client === null) return;
    const failures = options.failures ?? [];
    const exclude = failedBackends(failures);
    const resume = options.resume ?? undefined;
    const runId = client.configure(config, { resume, exclude });
    this.store.getState().runConfigured({
      runId,
      config,
      resume: options.resume ?? null,
      failures,
      message: options.message ?? null,
    });
  }
}

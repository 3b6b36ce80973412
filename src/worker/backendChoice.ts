/**
 * The training worker's backend: which one is active, which were checked here, what measuring
 * each experiment's cost key found, and the measurement under way. A backend named in the link is
 * used as before (checked here, the fallback order after it); `auto` trains on the fastest the
 * measurement found, and on WASM (checked here in a moment) while the others are still measured.
 */
import type { ExperimentConfig } from '../core/config';
import { costKey, timedConfig } from '../core/bench/costKey';
import {
  BACKEND_ORDER,
  type BackendAttempt,
  type BackendMeasurement,
  type BackendName,
} from './protocol';
import { reactivate, startAndCheck, tryOrder, type CheckResult } from './backends';
import { describeAdapter, unavailableReason } from './adapterInfo';
import { watchDeviceLoss } from './deviceLoss';
import { MeasurementJob } from './measurement';
import { attemptsFrom, choiceReason, rankBackends, type RankingInput } from './ranking';
import { compilesKernels } from './measurementRules';

export interface Choice {
  /** Null when no backend could run. */
  readonly backend: BackendName | null;
  readonly attempts: readonly BackendAttempt[];
  readonly reason: string;
}

export interface BackendChoiceEvents {
  /** A measurement moved on (a backend started a stage or ended, or it ended). */
  readonly onMeasurement: (job: MeasurementJob, note: string | null) => void;
  /** The active backend lost its GPU device or context. */
  readonly onDeviceLost: (reason: string) => void;
}

/** Results that stand as verdicts: a backend cut short is measured again another time. */
function verdicts(results: readonly BackendMeasurement[]): BackendMeasurement[] {
  return results.filter((m) => m.outcome !== 'cut');
}

export class BackendChoice {
  private active: BackendName | null = null;
  /** Self-check results in this worker (a probe's, for a backend it measured). */
  private readonly checks = new Map<BackendName, CheckResult>();
  /** Backends that failed mid-run here: a lost device is not trusted again in this worker. */
  private readonly broken = new Set<BackendName>();
  private readonly watched = new Set<BackendName>();
  /** Per cost key, what measuring found (this worker's and the page's earlier ones). */
  private readonly measurements = new Map<string, BackendMeasurement[]>();
  private job: MeasurementJob | null = null;
  private lostReason: string | null = null;
  /** Who waits on the active device, each until its own wait ends (see `onLost`). */
  private readonly lostListeners = new Set<(reason: string) => void>();

  constructor(private readonly events: BackendChoiceEvents) {}

  get backend(): BackendName | null {
    return this.active;
  }

  /** Why the active backend's device was lost, if it was. */
  get lost(): string | null {
    return this.lostReason;
  }

  /**
   * Calls `listener` if the active backend loses its device (a pending read-back may never end
   * then); returns the function that stops listening. A listener, not a promise that never settles
   * on WASM: racing each iteration against such a promise left one reaction per iteration on it,
   * holding that iteration's result (a worker heap growing 0.5 KiB an iteration, measured by
   * `npm run bench:soak`).
   */
  onLost(listener: (reason: string) => void): () => void {
    this.lostListeners.add(listener);
    return () => {
      this.lostListeners.delete(listener);
    };
  }

  /** Whether a measurement is under way (its probes use the CPU: other work should wait). */
  get measuring(): boolean {
    return this.job !== null && !this.job.done;
  }

  /** The measurement of `config`'s cost key under way, if any. */
  measuringFor(config: ExperimentConfig): MeasurementJob | null {
    const job = this.job;
    return job !== null && !job.done && job.key === costKey(config) ? job : null;
  }

  /** What measuring found about `backend` on `config`'s cost key. */
  measured(config: ExperimentConfig, backend: BackendName): BackendMeasurement | undefined {
    return this.measurements.get(costKey(config))?.find((m) => m.backend === backend);
  }

  /**
   * The link names `choice`: that one if it passes its check here, else the fallback order. The
   * page's earlier measurements of this experiment are kept, to know how long iterations take.
   */
  async chooseNamed(
    choice: BackendName,
    exclude: readonly BackendName[],
    config: ExperimentConfig,
    measured: readonly BackendMeasurement[],
  ): Promise<Choice> {
    this.keep(costKey(config), measured);
    // Nothing is measured for a named backend, and probes would only slow its training.
    this.job?.cut();
    const attempts: BackendAttempt[] = [];
    for (const backend of tryOrder(choice, exclude)) {
      const used = await this.activate(backend);
      const reason = this.checks.get(backend)?.message ?? 'it failed earlier in this worker';
      attempts.push({ backend, used, usable: used, reason });
      if (used) {
        const why =
          backend === choice
            ? `${backend}: named in the link, so not measured`
            : `${backend}: ${choice} (named in the link) could not run here`;
        return { backend, attempts, reason: why };
      }
    }
    return { backend: null, attempts, reason: '' };
  }

  /**
   * `auto`: the fastest backend if this experiment's cost key was measured, else the one in use
   * (WASM at first) while a measurement of it runs.
   */
  async chooseFastest(
    config: ExperimentConfig,
    options: {
      readonly exclude: readonly BackendName[];
      readonly measured: readonly BackendMeasurement[];
      readonly remeasure: boolean;
    },
  ): Promise<Choice> {
    const key = costKey(config);
    if (options.remeasure) {
      this.measurements.delete(key);
      if (this.job?.key === key) this.job.cut();
    }
    if (this.job !== null && this.job.key !== key) this.job.cut();
    this.keep(key, options.measured);
    const complete = BACKEND_ORDER.every((backend) => this.hasVerdict(key, backend));
    if (complete) {
      for (const backend of rankBackends(this.rankingInput(key, options.exclude, config))) {
        if (await this.activate(backend)) return this.choice(backend, key, options.exclude, config);
      }
    }
    // Until the measurement says otherwise: the best checked here already, else WASM (its
    // check takes a moment), else plain JavaScript; a GPU's check only if neither starts.
    const checked = rankBackends(this.rankingInput(key, options.exclude, config)).filter(
      (backend) => this.checks.get(backend)?.passed === true,
    );
    const provisional = await this.activateFirst(
      [...checked, 'wasm', 'cpu', ...BACKEND_ORDER],
      options.exclude,
    );
    if (!complete && this.measuringFor(config) === null) {
      this.startMeasuring(config, key, options.exclude);
    }
    if (provisional === null) {
      return { backend: null, attempts: this.failedAttempts(options.exclude), reason: '' };
    }
    return this.choice(provisional, key, options.exclude, config);
  }

  /**
   * After a measurement (or once it was cut short for training): moves to the fastest backend
   * found, trusting the self-check its probe ran in this browser moments ago.
   */
  async chooseMeasured(config: ExperimentConfig, exclude: readonly BackendName[]): Promise<Choice> {
    const key = costKey(config);
    for (const backend of rankBackends(this.rankingInput(key, exclude, config))) {
      if (await this.activate(backend)) return this.choice(backend, key, exclude, config);
    }
    const fallback = this.active;
    if (fallback === null) return { backend: null, attempts: [], reason: '' };
    return this.choice(fallback, key, exclude, config);
  }

  /** The backend to continue on after `failed` failed: the next best for this experiment. */
  nextAfter(
    failed: BackendName,
    config: ExperimentConfig,
    exclude: readonly BackendName[],
  ): BackendName | null {
    if (config.backend === 'auto') {
      const ranked = rankBackends(this.rankingInput(costKey(config), [...exclude, failed], config));
      if (ranked[0] !== undefined) return ranked[0];
    }
    return BACKEND_ORDER[BACKEND_ORDER.indexOf(failed) + 1] ?? null;
  }

  /** A backend failed mid-run: it is not used again in this worker. */
  markBroken(backend: BackendName): void {
    this.broken.add(backend);
    this.checks.delete(backend);
    if (this.active === backend) this.active = null;
  }

  /** Whether `backend` has compiled the kernels of `config` in this worker already. */
  private readonly warm = new Set<string>();
  isWarm(config: ExperimentConfig, backend: BackendName): boolean {
    return !compilesKernels(backend) || this.warm.has(`${backend}|${costKey(config)}`);
  }
  markWarm(config: ExperimentConfig, backend: BackendName): void {
    this.warm.add(`${backend}|${costKey(config)}`);
  }

  private hasVerdict(key: string, backend: BackendName): boolean {
    return verdicts(this.measurements.get(key) ?? []).some((m) => m.backend === backend);
  }

  /** Adds the page's earlier verdicts for `key` where this worker has none of its own. */
  private keep(key: string, earlier: readonly BackendMeasurement[]): void {
    const own = this.measurements.get(key) ?? [];
    const added = verdicts(earlier).filter(
      (m) => !own.some((mine) => mine.backend === m.backend && mine.outcome !== 'cut'),
    );
    const merged = [...own.filter((m) => !added.some((a) => a.backend === m.backend)), ...added];
    this.measurements.set(key, merged);
  }

  private rankingInput(
    key: string,
    exclude: readonly BackendName[],
    config: ExperimentConfig,
  ): RankingInput {
    const checkedHere = new Map<BackendName, string>();
    for (const [backend, check] of this.checks) {
      if (check.passed) checkedHere.set(backend, check.message);
    }
    return {
      measurements: this.measurements.get(key) ?? [],
      checkedHere,
      exclude: [...exclude, ...this.broken],
      iterations: config.iterations,
    };
  }

  private choice(
    backend: BackendName,
    key: string,
    exclude: readonly BackendName[],
    config: ExperimentConfig,
  ): Choice {
    const input = this.rankingInput(key, exclude, config);
    const measuring = this.job !== null && !this.job.done && this.job.key === key;
    return {
      backend,
      attempts: attemptsFrom(backend, input),
      reason: choiceReason(backend, input, measuring),
    };
  }

  private failedAttempts(exclude: readonly BackendName[]): BackendAttempt[] {
    return BACKEND_ORDER.filter((b) => !exclude.includes(b)).map((backend) => ({
      backend,
      used: false,
      usable: false,
      reason: this.checks.get(backend)?.message ?? 'not tried',
    }));
  }

  private async activateFirst(
    candidates: readonly BackendName[],
    exclude: readonly BackendName[],
  ): Promise<BackendName | null> {
    for (const backend of new Set(candidates)) {
      if (exclude.includes(backend)) continue;
      if (await this.activate(backend)) return backend;
    }
    return null;
  }

  /**
   * Makes `backend` the active one: checked here first unless a probe of this worker checked it
   * (a check run elsewhere in this browser, just now), and watched for a lost device.
   */
  private async activate(backend: BackendName): Promise<boolean> {
    if (this.broken.has(backend)) return false;
    let check = this.checks.get(backend);
    if (check === undefined) {
      check = await startAndCheck(backend);
      this.checks.set(backend, check);
    } else if (check.passed && !(await reactivate(backend))) {
      check = { passed: false, message: 'TensorFlow.js could not start it again' };
      this.checks.set(backend, check);
    }
    if (!check.passed) return false;
    if (this.active !== backend) this.useDevice(backend);
    return true;
  }

  private useDevice(backend: BackendName): void {
    this.active = backend;
    this.lostReason = null;
    if (this.watched.has(backend)) return;
    this.watched.add(backend);
    watchDeviceLoss(backend, (reason) => {
      if (this.active !== backend) return;
      this.lostReason = reason;
      for (const listener of [...this.lostListeners]) listener(reason);
      this.events.onDeviceLost(reason);
    });
  }

  /** Measures every backend without a verdict on this key, one probe at a time. */
  private startMeasuring(
    config: ExperimentConfig,
    key: string,
    exclude: readonly BackendName[],
  ): void {
    const missing = BACKEND_ORDER.filter(
      (backend) => !this.hasVerdict(key, backend) && !exclude.includes(backend),
    );
    const timed = timedConfig(config);
    this.job = new MeasurementJob({
      key,
      config: timed.config,
      known: verdicts(this.measurements.get(key) ?? []),
      arrange: () => arrangeProbes(missing),
      checkedHere: this.rankingInput(key, exclude, config).checkedHere,
      onUpdate: (updated) => {
        if (updated.done) this.recordResults(updated);
        this.events.onMeasurement(updated, timed.note);
      },
    });
  }

  /** A finished measurement's results become this key's, and its probes' checks count here. */
  private recordResults(job: MeasurementJob): void {
    this.measurements.set(job.key, [...job.results]);
    for (const m of job.fresh) {
      if (m.checkPassed === true && !this.checks.has(m.backend) && !this.broken.has(m.backend)) {
        this.checks.set(m.backend, { passed: true, message: m.detail });
      }
    }
  }
}

/**
 * The order to measure in: WASM first (the fallback, and the pace the others must beat), then
 * hardware GPUs, then software renderers (WebGPU before WebGL), plain JavaScript last. A WebGPU
 * probe stopped at its cap leaves SwiftShader compiling its shaders for several seconds more
 * (measured: 2 to 9 s of a core here, and no frame painted meanwhile); measured before the
 * others, that work drains while they run rather than when training begins. A backend this
 * browser lacks needs no probe.
 */
function probeRank(backend: BackendName, software: boolean): number {
  if (backend === 'wasm') return 0;
  if (backend === 'cpu') return 4;
  if (!software) return 1;
  return backend === 'webgpu' ? 2 : 3;
}

async function arrangeProbes(missing: readonly BackendName[]): Promise<{
  order: BackendName[];
  found: BackendMeasurement[];
}> {
  const found: BackendMeasurement[] = [];
  const ranked: { backend: BackendName; rank: number }[] = [];
  for (const backend of missing) {
    const reason = await unavailableReason(backend).catch((error: unknown) => String(error));
    if (reason !== null) {
      found.push(unavailable(backend, reason));
      continue;
    }
    const software = compilesKernels(backend) && (await describeAdapter(backend)).software;
    ranked.push({ backend, rank: probeRank(backend, software) });
  }
  ranked.sort((a, b) => a.rank - b.rank);
  return { order: ranked.map((entry) => entry.backend), found };
}

function unavailable(backend: BackendName, reason: string): BackendMeasurement {
  return {
    backend,
    outcome: 'unavailable',
    detail: reason,
    checkPassed: false,
    adapter: null,
    software: false,
    firstIterationMs: null,
    msPerIteration: null,
    timedIterations: 0,
    capMs: 0,
    stoppedAt: 'starting',
  };
}

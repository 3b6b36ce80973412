/**
 * Measuring the backends on one experiment: one probe at a time (two cores: probes side by side
 * would slow each other and falsify the times), each under its caps. Training takes precedence:
 * `hurry` gives the measurement a moment and then cuts what is left, so Start never waits long.
 */
import type { ExperimentConfig } from '../core/config';
import type { BackendMeasurement, BackendName, ProbeStage } from './protocol';
import { START_GRACE_MS, timingCapMs } from './measurementRules';
import { startProbe, type RunningProbe } from './probeClient';

export interface MeasurementPlan {
  /** The cost key the results belong to. */
  readonly key: string;
  /** The experiment to time. */
  readonly config: ExperimentConfig;
  /** Results already known for this key, kept as they are. */
  readonly known: readonly BackendMeasurement[];
  /**
   * The backends to measure, in order, and results found without a probe (a backend this browser
   * does not have). Asked for first thing, so the job exists at once.
   */
  readonly arrange: () => Promise<{
    readonly order: readonly BackendName[];
    readonly found: readonly BackendMeasurement[];
  }>;
  /** Backends the training worker has checked itself, with the check's message. */
  readonly checkedHere: ReadonlyMap<BackendName, string>;
  /** Called whenever a backend starts a stage or ends. */
  readonly onUpdate: (job: MeasurementJob) => void;
}

/** A measurement of a backend that never started because training came first. */
function notStarted(backend: BackendName): BackendMeasurement {
  return {
    backend,
    outcome: 'cut',
    detail: 'not measured: training began first',
    checkPassed: null,
    adapter: null,
    software: false,
    firstIterationMs: null,
    msPerIteration: null,
    timedIterations: 0,
    capMs: 0,
    stoppedAt: 'starting',
  };
}

export class MeasurementJob {
  readonly key: string;
  private readonly found: BackendMeasurement[];
  private current: { backend: BackendName; stage: ProbeStage; probe: RunningProbe } | null = null;
  private ended = false;
  private cutShort = false;
  private readonly finished: Promise<void>;

  constructor(private readonly plan: MeasurementPlan) {
    this.key = plan.key;
    this.found = [...plan.known];
    this.finished = this.run();
  }

  /** Everything measured so far (the known results first). */
  get results(): readonly BackendMeasurement[] {
    return this.found;
  }

  /** What this job itself measured (not the known results it started from). */
  get fresh(): readonly BackendMeasurement[] {
    return this.found.filter((m) => !this.plan.known.includes(m));
  }

  /** The backend being measured now and its stage; null once the measurement is over. */
  get measuring(): { readonly backend: BackendName; readonly stage: ProbeStage } | null {
    return this.current && { backend: this.current.backend, stage: this.current.stage };
  }

  get done(): boolean {
    return this.ended;
  }

  /** Resolves when every backend is measured, or after `graceMs`, cutting the rest short then. */
  async hurry(graceMs = START_GRACE_MS): Promise<void> {
    let endGrace = (): void => undefined;
    const grace = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, graceMs);
      endGrace = () => {
        clearTimeout(timer);
      };
    });
    await Promise.race([this.finished, grace]);
    endGrace();
    this.cut();
    await this.finished;
  }

  /** Ends the measurement now; what was not measured is marked as cut short. */
  cut(): void {
    if (this.ended) return;
    this.cutShort = true;
    this.current?.probe.cut();
  }

  private bestMsPerIteration(): number | null {
    const paces = this.found
      .map((m) => m.msPerIteration)
      .filter((pace): pace is number => pace !== null);
    return paces.length > 0 ? Math.min(...paces) : null;
  }

  private async run(): Promise<void> {
    const { config, checkedHere } = this.plan;
    const { order, found } = await this.plan.arrange();
    this.found.push(...found);
    for (const backend of order) {
      if (this.found.some((m) => m.backend === backend)) continue;
      if (this.cutShort) {
        this.found.push(notStarted(backend));
        continue;
      }
      const probe = startProbe({
        backend,
        config,
        checkedHere: checkedHere.get(backend) ?? null,
        timingCapMs: timingCapMs(this.bestMsPerIteration()),
        onStage: (stage) => {
          if (this.current?.backend !== backend) return;
          this.current.stage = stage;
          this.plan.onUpdate(this);
        },
      });
      this.current = { backend, stage: 'starting', probe };
      this.plan.onUpdate(this);
      this.found.push(await probe.result);
      this.current = null;
    }
    this.ended = true;
    this.plan.onUpdate(this);
  }
}

/**
 * Runs one probe worker under its caps and turns what it reported into a measurement. Whatever
 * happens (a cap, a crash, training beginning), the worker is terminated and the measurement
 * says how far it got.
 */
import { WASM_THREADS_NAME, threadsAskedOf, workerName } from './threadsName';
import type { ExperimentConfig } from '../core/config';
import type {
  BackendMeasurement,
  BackendName,
  ProbeReport,
  ProbeRequest,
  ProbeStage,
} from './protocol';
import { CHECK_CAP_MS, STARTUP_CAP_MS, summarizeTimes } from './measurementRules';

export interface ProbeOptions {
  readonly backend: BackendName;
  readonly config: ExperimentConfig;
  /** The training worker's own self-check message, if it already checked this backend. */
  readonly checkedHere: string | null;
  readonly timingCapMs: number;
  /** Called as the probe moves from stage to stage. */
  readonly onStage: (stage: ProbeStage) => void;
}

export interface RunningProbe {
  readonly result: Promise<BackendMeasurement>;
  /** Ends it now because training begins; the measurement is marked as cut short. */
  cut(): void;
}

export function startProbe(options: ProbeOptions): RunningProbe {
  const { backend, checkedHere, timingCapMs, onStage } = options;
  let stage: ProbeStage = 'starting';
  let adapter: string | null = null;
  let software = false;
  let checkPassed: boolean | null = checkedHere === null ? null : true;
  let detail = checkedHere ?? '';
  const times: number[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let worker: Worker | null = null;
  let resolve: (measurement: BackendMeasurement) => void = () => undefined;
  const result = new Promise<BackendMeasurement>((settle) => {
    resolve = settle;
  });

  const moveTo = (next: ProbeStage) => {
    stage = next;
    onStage(next);
  };
  const finish = (outcome: BackendMeasurement['outcome'], why?: string) => {
    if (worker === null) return;
    if (timer !== null) clearTimeout(timer);
    worker.terminate();
    worker = null;
    if (why !== undefined) detail = why;
    const finished = outcome === 'measured';
    resolve({
      backend,
      outcome,
      detail,
      checkPassed,
      adapter,
      software,
      ...summarizeTimes(backend, times, finished),
      capMs:
        stage === 'starting' ? STARTUP_CAP_MS : stage === 'checking' ? CHECK_CAP_MS : timingCapMs,
      stoppedAt: finished ? 'done' : stage,
    });
  };
  const capAfter = (ms: number) => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      finish('capped');
    }, ms);
  };
  const startTiming = () => {
    capAfter(timingCapMs);
    moveTo('first-iteration');
  };
  const onReport = (report: ProbeReport) => {
    switch (report.type) {
      case 'unavailable':
        finish('unavailable', report.reason);
        return;
      case 'adapter':
        adapter = report.adapter;
        software = report.software;
        if (checkedHere === null) {
          capAfter(CHECK_CAP_MS);
          moveTo('checking');
        } else startTiming();
        return;
      case 'checked':
        checkPassed = report.passed;
        detail = report.message;
        if (report.passed) startTiming();
        else finish('failed');
        return;
      case 'iteration':
        times.push(report.ms);
        if (times.length === 1) moveTo('steady');
        return;
      case 'done':
        finish('measured');
        return;
      case 'failed':
        finish('failed', `it failed: ${report.message}`);
        return;
    }
  };

  try {
    worker = new Worker(new URL('./probeWorker.ts', import.meta.url), {
      type: 'module',
      // A probe measures WASM on as many threads as the training worker will use.
      name: threadsAskedOf(workerName())
        ? `probe ${backend} ${WASM_THREADS_NAME}`
        : `probe ${backend}`,
    });
  } catch (error) {
    resolve({
      backend,
      outcome: 'failed',
      detail: `no probe worker could start: ${String(error)}`,
      checkPassed,
      adapter,
      software,
      ...summarizeTimes(backend, times, false),
      capMs: STARTUP_CAP_MS,
      stoppedAt: 'starting',
    });
    return { result, cut: () => undefined };
  }
  worker.onmessage = (message: MessageEvent<ProbeReport>) => {
    onReport(message.data);
  };
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    finish('failed', `it crashed: ${event.message || 'no message given'}`);
  };
  capAfter(STARTUP_CAP_MS);
  worker.postMessage({
    backend,
    config: options.config,
    check: checkedHere === null,
  } satisfies ProbeRequest);
  return {
    result,
    cut: () => {
      finish('cut');
    },
  };
}

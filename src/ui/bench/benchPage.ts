/**
 * The benchmark page: runs the speed measurement in the real training worker on one backend and
 * shows the result (also left on `window.benchResult` for the command-line benchmark to collect).
 */
import '../styles.css';
import { parseQuery } from '../../core/config';
import { describeConfig, speedTable, speedUps } from '../../core/bench/speedTable';
import type { SpeedRow } from '../../core/bench/metaIterationSpeed';
import type { BackendAttempt, WorkerEvent } from '../../worker/protocol';
import { TrainingClient } from '../worker/trainingClient';

export type BenchResult =
  | {
      readonly ok: true;
      readonly backend: string;
      readonly adapter: string;
      readonly attempts: readonly BackendAttempt[];
      readonly settings: string;
      readonly rows: readonly SpeedRow[];
    }
  | { readonly ok: false; readonly message: string };

declare global {
  interface Window {
    benchResult?: BenchResult;
  }
}

const params = new URLSearchParams(location.search);
const iterations = Number(params.get('benchIterations') ?? 50);
const secondsPerEngine = Number(params.get('benchSeconds') ?? 20);
params.delete('benchIterations');
params.delete('benchSeconds');
const { config, problems } = parseQuery(`?${params.toString()}`);

const status = document.getElementById('bench-status')!;
const output = document.getElementById('bench-output')!;

function finish(result: BenchResult): void {
  window.benchResult = result;
  if (!result.ok) {
    status.textContent = result.message;
    return;
  }
  status.textContent = `Done on ${result.backend} (${result.adapter}).`;
  const pre = document.createElement('pre');
  pre.textContent = `${result.settings}\n${speedTable([
    { backend: result.backend, rows: result.rows, speedUps: speedUps(result.rows) },
  ])}`;
  output.replaceChildren(pre);
}

if (problems.length > 0) {
  finish({ ok: false, message: problems.map((p) => p.message).join(' ') });
} else {
  /** The one benchmark this page asks for. */
  const BENCHMARK_REQUEST = 1;
  let ready: Extract<WorkerEvent, { type: 'ready' }> | null = null;
  const client = new TrainingClient({
    onEvent: (event) => {
      if (event.type === 'ready') {
        ready = event;
        status.textContent = `Measuring on ${event.backend}…`;
        client.send({
          type: 'benchmark',
          requestId: BENCHMARK_REQUEST,
          iterations,
          secondsPerEngine,
        });
      } else if (event.type === 'benchmark' && ready) {
        finish({
          ok: true,
          backend: event.backend,
          adapter: ready.adapter,
          attempts: ready.attempts,
          settings: describeConfig(config),
          rows: event.rows,
        });
        client.dispose();
      } else if (event.type === 'error' || event.type === 'requestEnded') {
        finish({ ok: false, message: event.message });
      }
    },
    onWorkerFailure: (message) => {
      finish({ ok: false, message });
    },
  });
  // Nothing may compete with the timings: the worker evaluates only when asked.
  client.configure(config, { scheduleEvaluations: false });
}

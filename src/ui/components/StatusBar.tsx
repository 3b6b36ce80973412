import { formatDuration, formatLoss, formatRate, secondsLeft } from '../format';
import { awaitingData } from '../store/dataSlice';
import type { RunStatus } from '../store/runSlice';
import { usePlayground } from '../training/context';

const STATE_LABELS: Record<RunStatus, string> = {
  starting: 'Starting',
  idle: 'Ready',
  running: 'Running',
  paused: 'Paused',
  finished: 'Finished',
  stopped: 'Stopped',
  failed: 'Failed',
};

function Separator() {
  return (
    <span className="status-separator" aria-hidden="true">
      {' · '}
    </span>
  );
}

function timeLeftText(iteration: number, total: number, rate: number, running: boolean): string {
  if (iteration >= total) return 'done';
  if (!running) return 'time left —';
  const seconds = secondsLeft(iteration, total, rate);
  return seconds === null ? 'time left unknown' : `${formatDuration(seconds)} left`;
}

/**
 * One line that always says where the run is: backend (and why it was chosen), state (or, between
 * Start and the first iteration, what is happening), iteration, speed, time left and the latest
 * loss. It is a polite live region; the worker sends at most about 20 updates a second.
 */
export function StatusBar() {
  const backend = usePlayground((state) => state.run.backend);
  const status = usePlayground((state) => state.run.state);
  const iteration = usePlayground((state) => state.run.iteration);
  const total = usePlayground((state) => state.run.config.iterations);
  const rate = usePlayground((state) => state.run.iterationsPerSecond);
  const loss = usePlayground((state) => state.series.latestLoss);
  const accuracy = usePlayground((state) => state.series.latestAccuracy);
  const needsData = usePlayground((state) => awaitingData(state.run, state.data));
  const activity = usePlayground((state) => state.run.activity);
  const reason = usePlayground((state) => state.run.choiceReason);

  // The reason names the backend first: "wasm: 5.2 ms per iteration, 11x faster than webgl …".
  const backendText =
    backend === null ? (status === 'starting' ? 'choosing…' : 'none') : (reason ?? backend);
  const running = status === 'running';
  return (
    <div className="status-bar" role="status">
      <span className="status-item status-backend">Backend: {backendText}</span>
      <Separator />
      <span className={`status-item status-state status-${needsData ? 'waiting' : status}`}>
        {needsData ? 'Waiting for data' : (activity ?? STATE_LABELS[status])}
      </span>
      <Separator />
      <span className="status-item">
        Iteration {iteration} / {total}
      </span>
      <Separator />
      <span className="status-item">{formatRate(running ? rate : 0)}</span>
      <Separator />
      <span className="status-item">{timeLeftText(iteration, total, rate, running)}</span>
      <Separator />
      <span className="status-item">
        Meta-training loss {loss === null ? '—' : formatLoss(loss)}
      </span>
      {accuracy !== null && (
        <>
          <Separator />
          <span className="status-item">accuracy {(accuracy * 100).toFixed(1)}%</span>
        </>
      )}
    </div>
  );
}

import { DEFAULT_CONFIG, toQuery, type ExperimentConfig } from '../../core/config';
import { usePlayground } from '../training/context';

/** The runner's command for these settings: only those that differ from the defaults. */
export function runnerCommand(config: ExperimentConfig): string {
  const defaults = new URLSearchParams(toQuery(DEFAULT_CONFIG));
  const sets = [...new URLSearchParams(toQuery(config))]
    .filter(([key, value]) => defaults.get(key) !== value)
    .map(([key, value]) => ` --set ${key}=${value}`);
  return `npm run experiment --${sets.join('')}`;
}

/**
 * A link of several seeds: the page trains one seed at a time, so it says which one it runs and
 * how to run them all with the headless runner, which summarises them across seeds.
 */
export function SeedsNotice() {
  const config = usePlayground((state) => state.run.config);
  if (config.seeds <= 1) return null;
  // Seeds wrap past the largest, as the runner counts them.
  const last = (config.seed + config.seeds - 1) % 2 ** 32;
  return (
    <div className="notice notice-calm" role="status">
      <p className="notice-title">
        {config.seeds} seeds asked for: this page runs seed {config.seed}
      </p>
      <p>
        The headless runner runs all {config.seeds} (seeds {config.seed} to {last}) one after
        another and reports the mean with a 95% interval across seeds:{' '}
        <code>{runnerCommand(config)}</code>
      </p>
    </div>
  );
}

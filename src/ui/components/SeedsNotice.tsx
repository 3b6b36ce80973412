import { useId } from 'react';
import { DEFAULT_CONFIG, toQuery, type ExperimentConfig } from '../../core/config';
import type { PlaygroundState } from '../store/playgroundStore';
import { seedStatusText } from '../store/seedsSlice';
import { usePlayground, usePlaygroundStore } from '../training/context';

/** The runner's command for these settings: only those that differ from the defaults. */
export function runnerCommand(config: ExperimentConfig): string {
  const defaults = new URLSearchParams(toQuery(DEFAULT_CONFIG));
  const sets = [...new URLSearchParams(toQuery(config))]
    .filter(([key, value]) => defaults.get(key) !== value)
    .map(([key, value]) => ` --set ${key}=${value}`);
  return `npm run experiment --${sets.join('')}`;
}

const selectConfig = (state: PlaygroundState) => state.run.config;
const selectSeeds = (state: PlaygroundState) => state.seeds;

/**
 * A run of several seeds: which seed trains (a polite live status), what the page does with the
 * seeds, the switch that draws each seed's own curves, and the runner's command for the same run.
 */
export function SeedsNotice() {
  const config = usePlayground(selectConfig);
  const seeds = usePlayground(selectSeeds);
  const store = usePlaygroundStore();
  const toggleId = useId();
  if (config.seeds <= 1) return null;
  const first = seeds.seeds[0];
  const last = seeds.seeds.at(-1);
  const finished = seeds.finished.map(({ run }) => run.seed);
  return (
    <div className="notice notice-calm seeds-notice">
      <p className="notice-title seeds-status" role="status">
        {seedStatusText(seeds)}
      </p>
      <p>
        Start trains seeds {first} to {last} one after another, each exactly as a run of that seed
        alone, with its held-out evaluation. Once two have finished, the held-out charts and tables
        show the mean over the finished seeds with a 95% interval across seeds.
        {finished.length > 0 && ` Finished: seed ${finished.join(', ')}.`}
      </p>
      <p className="seeds-toggle">
        <input
          id={toggleId}
          type="checkbox"
          checked={seeds.showEach}
          onChange={(event) => {
            store.getState().showEachSeed(event.currentTarget.checked);
          }}
        />{' '}
        <label htmlFor={toggleId}>Show each seed</label>
      </p>
      <p className="muted">
        The headless runner runs the same seeds: <code>{runnerCommand(config)}</code>
      </p>
    </div>
  );
}

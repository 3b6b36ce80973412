import { algorithmInfo, learnerLabel, learnerSummary } from '../../../core/learners/registry';
import type { PlaygroundState } from '../../store/playgroundStore';
import { usePlayground } from '../../training/context';

const selectConfig = (state: PlaygroundState) => state.settings.config;

/**
 * What the chosen algorithm does, in a sentence, and the paper it comes from, so the name in the
 * select is never the only explanation.
 */
export function AlgorithmNote() {
  const config = usePlayground(selectConfig);
  const info = algorithmInfo(config.algorithm);
  return (
    <p className="algorithm-note" aria-live="polite">
      <strong>{learnerLabel(config)}</strong> <span className="muted">({info.reference})</span>:{' '}
      {learnerSummary(config)}
    </p>
  );
}

import { algorithmInfo } from '../../../core/algorithms/registry';
import { learnerLabel } from '../../charts/learner';
import type { PlaygroundState } from '../../store/playgroundStore';
import { usePlayground } from '../../training/context';

const selectConfig = (state: PlaygroundState) => state.settings.config;

/**
 * What the chosen algorithm does, in a sentence, and the paper it comes from, so the name in the
 * select is never the only explanation.
 */
export function AlgorithmNote() {
  const config = usePlayground(selectConfig);
  // MAML with the first-order approximation is explained as first-order MAML.
  const id = config.algorithm === 'maml' && config.firstOrder ? 'fomaml' : config.algorithm;
  const info = algorithmInfo(id);
  return (
    <p className="algorithm-note" aria-live="polite">
      <strong>{learnerLabel(config)}</strong> <span className="muted">({info.reference})</span>:{' '}
      {info.summary}
    </p>
  );
}

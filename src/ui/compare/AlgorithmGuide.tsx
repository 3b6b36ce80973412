import { familyOfTask } from '../../core/families/registry';
import { LEARNERS, servesFamily } from '../../core/learners/registry';
import { usePlayground } from '../training/context';

/** One line per algorithm that can run on the chosen task: what it does and where it is from. */
export function AlgorithmGuide() {
  const task = usePlayground((state) => state.settings.config.task);
  const family = familyOfTask({ task }).kind;
  return (
    <details className="algorithm-guide">
      <summary>What each algorithm does</summary>
      <dl>
        {LEARNERS.filter((info) => servesFamily(info.id, family)).map((info) => (
          <div key={info.id}>
            <dt>
              {info.name} <span className="muted">({info.reference})</span>
            </dt>
            <dd>{info.summary}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

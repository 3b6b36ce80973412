import { toQuery, type ConfigProblem, type ExperimentConfig } from '../../core/config';

interface ProblemsNoticeProps {
  readonly problems: readonly ConfigProblem[];
  readonly config: ExperimentConfig;
}

/**
 * Lists what was wrong with the settings in the address. Messages quote the address, so they are
 * only ever rendered as text children, never as markup.
 */
export function ProblemsNotice({ problems, config }: ProblemsNoticeProps) {
  if (problems.length === 0) return null;
  const count = problems.length === 1 ? 'One setting' : `${problems.length} settings`;
  return (
    <div className="notice" role="alert">
      <p className="notice-title">
        {count} in this link could not be used. The table shows the values used instead.
      </p>
      <ul>
        {problems.map((problem, index) => (
          <li key={`${index}-${problem.setting}`}>{problem.message}</li>
        ))}
      </ul>
      <p>
        <a href={`?${toQuery(config)}`}>Open a corrected link</a>
      </p>
    </div>
  );
}

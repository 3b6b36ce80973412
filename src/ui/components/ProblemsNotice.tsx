import type { ConfigProblem } from '../../core/config';
import { LinkProblemsNotice } from './LinkProblemsNotice';

interface ProblemsNoticeProps {
  readonly problems: readonly ConfigProblem[];
}

/** The settings the link gave that could not be used, each with its reason and what is used instead. */
export function ProblemsNotice({ problems }: ProblemsNoticeProps) {
  return (
    <LinkProblemsNotice
      problems={problems}
      keyOf={(problem) => problem.setting}
      title={(shown) => (
        <>
          {shown === 1 ? 'One value' : `${shown} values`} in this link could not be used. The
          controls show what is used instead.
        </>
      )}
    />
  );
}

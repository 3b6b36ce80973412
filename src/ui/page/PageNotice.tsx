import { LinkProblemsNotice } from '../components/LinkProblemsNotice';
import { usePageParams } from './pageParamsContext';

/**
 * What could not be used of the link's `present` and `hide`, in the look of the settings' link
 * problems.
 */
export function PageNotice() {
  const { problems } = usePageParams();
  return (
    <LinkProblemsNotice
      problems={problems}
      keyOf={(problem) => problem.key}
      className="page-notice"
      title={(shown) => (
        <>
          {shown === 1 ? 'A page option' : `${shown} page options`} in this link could not be used.
        </>
      )}
    />
  );
}

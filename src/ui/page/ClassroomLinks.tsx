import { toQuery, type ExperimentConfig } from '../../core/config';
import { CopyLinkButton } from '../components/settings/CopyLinkButton';
import { currentPageQuery } from '../store/settingsSlice';
import { classroomQuery, lessonQuery, type HideName } from './pageParams';
import { usePageParams } from './pageParamsContext';

/** This page's address with the experiment's settings and then `pageQuery`, if any. */
function linkWith(config: ExperimentConfig, pageQuery: string): string {
  const { origin, pathname } = window.location;
  return `${origin}${pathname}?${toQuery(config)}${pageQuery === '' ? '' : `&${pageQuery}`}`;
}

/** The lesson the address names, as it names it; null without one. */
function currentLesson(): string | null {
  return new URLSearchParams(currentPageQuery()).get('lesson');
}

function classroomLink(config: ExperimentConfig, hidden: readonly HideName[]): string {
  return linkWith(config, classroomQuery(currentLesson(), hidden));
}

function lessonLink(config: ExperimentConfig): string {
  return linkWith(config, lessonQuery(currentLesson()));
}

/**
 * Beside Copy link, the two links a teacher hands out: this experiment in classroom mode
 * (present=1, with the parts hidden now and the lesson, if any), and the plain link of this
 * experiment with its lesson, for students to open on their own screens.
 */
export function ClassroomLinks() {
  const { hidden } = usePageParams();
  return (
    <>
      <CopyLinkButton
        label="Copy classroom link"
        fieldLabel="Classroom link to this experiment"
        makeLink={(config) => classroomLink(config, hidden)}
      />
      <CopyLinkButton
        label="Copy lesson link"
        fieldLabel="Lesson link to this experiment"
        makeLink={lessonLink}
      />
    </>
  );
}

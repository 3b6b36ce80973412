/**
 * The `lesson` key of a link, read safely: a number of a lesson on the path, nothing, or a value
 * the page reports as text and otherwise ignores. A link that names a lesson and holds no
 * settings opens the lesson's settings, in the page and in the runner alike.
 */
import { isBareLink, pageKeyValue } from '../config';
import { LESSONS, lessonQuery, type Lesson } from './lessons';

export const LESSON_KEY = 'lesson';

export type LessonParam =
  | { readonly kind: 'none' }
  | { readonly kind: 'lesson'; readonly lesson: Lesson }
  | { readonly kind: 'invalid'; readonly given: string };

/** How much of a bad value the notice repeats. */
const MAX_SHOWN = 24;

/** The lesson a link names: 1 to the number of lessons, written as plain digits. */
export function readLessonParam(text: string): LessonParam {
  const value = pageKeyValue(text, LESSON_KEY);
  if (value === null) return { kind: 'none' };
  const trimmed = value.trim();
  if (/^\d{1,3}$/.test(trimmed)) {
    const lesson = LESSONS.find((candidate) => candidate.number === Number(trimmed));
    if (lesson !== undefined) return { kind: 'lesson', lesson };
  }
  const given = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
  return { kind: 'invalid', given };
}

/** What the page says about a bad `lesson` value, as plain text. */
export function invalidLessonText(given: string): string {
  return `This link asks for lesson “${given}”, which is not on the path: the lessons are numbered 1 to ${LESSONS.length}. No lesson is shown.`;
}

/** The neighbouring lesson in a direction, if the path goes on that way. */
export function neighbourLesson(lesson: Lesson, step: -1 | 1): Lesson | undefined {
  return LESSONS.find((candidate) => candidate.number === lesson.number + step);
}

/**
 * The settings a link opens: a link that names a lesson and holds no settings gets the lesson's
 * ('?lesson=3' becomes its query); any other is read as it is.
 */
export function openingLinkText(text: string): string {
  if (!isBareLink(text)) return text;
  const param = readLessonParam(text);
  return param.kind === 'lesson' ? `?${lessonQuery(param.lesson)}` : text;
}

/**
 * The `lesson` key of a link, read safely: a number of a lesson on the path, nothing, or a value
 * the page reports as text and otherwise ignores. Pure, so it is tested without a page.
 */
import { LESSONS, type Lesson } from './lessons';

export const LESSON_KEY = 'lesson';

export type LessonParam =
  | { readonly kind: 'none' }
  | { readonly kind: 'lesson'; readonly lesson: Lesson }
  | { readonly kind: 'invalid'; readonly given: string };

/** How much of a bad value the notice repeats. */
const MAX_SHOWN = 24;

/** The `lesson` value of a link's query and hash ('?a=1#lesson=2'); the hash wins, as for settings. */
export function lessonValue(text: string): string | null {
  const hashAt = text.indexOf('#');
  const beforeHash = hashAt < 0 ? text : text.slice(0, hashAt);
  const hash = hashAt < 0 ? '' : text.slice(hashAt + 1);
  const queryAt = beforeHash.indexOf('?');
  const query = queryAt < 0 ? beforeHash : beforeHash.slice(queryAt + 1);
  let value: string | null = null;
  for (const part of [query, hash]) {
    try {
      const found = new URLSearchParams(part).getAll(LESSON_KEY);
      if (found.length > 0) value = found[found.length - 1]!;
    } catch {
      // URLSearchParams does not throw on text, but a link is never trusted.
    }
  }
  return value;
}

/** The lesson a link names: 1 to the number of lessons, written as plain digits. */
export function readLessonParam(text: string): LessonParam {
  const value = lessonValue(text);
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

/**
 * The lesson in the page address: which one it names, opening a lesson's link, moving to a
 * neighbouring lesson (a new history entry with its settings) and closing the lesson.
 */
import { toQuery, type ExperimentConfig } from '../../core/config';
import type { Lesson } from '../../core/lessons/lessons';
import { lessonConfig } from '../../core/lessons/lessonState';
import { LESSON_KEY } from '../../core/lessons/lessonParam';
import { currentLinkText, currentPageQuery } from '../store/settingsSlice';
import type { PlaygroundController } from '../training/controller';

/** Fired on window when this module changes the address without a popstate. */
const LESSON_EVENT = 'playground:lesson';

/** A page-relative link to a lesson, keeping the address's other page keys (present, hide). */
export function lessonHref(lesson: Lesson): string {
  const page = new URLSearchParams(currentPageQuery());
  page.delete(LESSON_KEY);
  page.set(LESSON_KEY, String(lesson.number));
  return `?${page.toString()}`;
}

function changed(): void {
  window.dispatchEvent(new Event(LESSON_EVENT));
}

/**
 * Goes to a lesson: its settings and `lesson=N` (with the other page keys kept) become the address
 * as a new history entry, and a new run is configured for them. Training does not start.
 */
export function goToLesson(
  controller: PlaygroundController,
  lesson: Lesson,
  backend: ExperimentConfig['backend'],
): void {
  const page = new URLSearchParams(currentPageQuery());
  page.set(LESSON_KEY, String(lesson.number));
  const url = `${window.location.pathname}?${toQuery(lessonConfig(lesson, backend))}&${page.toString()}`;
  window.history.pushState({ settingsProblems: [] }, '', url);
  controller.followLink(currentLinkText(), window.history.state);
  changed();
}

/** Closes the lesson: `lesson` leaves the address (query and hash), the rest stays. */
export function closeLesson(): void {
  const strip = (part: string, mark: string): string => {
    const params = new URLSearchParams(part.replace(/^[?#]/, ''));
    params.delete(LESSON_KEY);
    const text = params.toString();
    return text === '' ? '' : `${mark}${text}`;
  };
  const { pathname, search, hash } = window.location;
  window.history.replaceState(
    window.history.state,
    '',
    `${pathname}${strip(search, '?')}${strip(hash, '#')}`,
  );
  changed();
}

/** For useSyncExternalStore: calls back whenever the address may name another lesson. */
export function subscribeToAddress(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener('hashchange', onChange);
  window.addEventListener(LESSON_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener('hashchange', onChange);
    window.removeEventListener(LESSON_EVENT, onChange);
  };
}

export function addressSnapshot(): string {
  return currentLinkText();
}

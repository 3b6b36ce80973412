import { useEffect, useId, useSyncExternalStore } from 'react';
import { isShortcutKey } from '../training/useKeyboardShortcuts';
import type { PlaygroundState } from '../store/playgroundStore';
import { useController, usePlayground } from '../training/context';
import { addressSnapshot, closeLesson, goToLesson, subscribeToAddress } from './lessonAddress';
import { citationText, LESSONS, type Lesson } from '../../core/lessons/lessons';
import {
  invalidLessonText,
  neighbourLesson,
  readLessonParam,
} from '../../core/lessons/lessonParam';
import { startingStateText, useStartingState } from './useStartingState';
import { useNarrowScreen } from './useNarrowScreen';
import './lessons.css';

const selectBackend = (state: PlaygroundState) => state.settings.config.backend;
const selectRunId = (state: PlaygroundState) => state.run.runId;

/** Keys that move along the path: N or ] forward, P or [ back. */
const NEXT_KEYS = new Set(['n', 'N', ']']);
const PREVIOUS_KEYS = new Set(['p', 'P', '[']);

/** The lesson the address names, read again whenever the address changes. */
function useLessonParam() {
  const address = useSyncExternalStore(subscribeToAddress, addressSnapshot);
  return readLessonParam(address);
}

/** A bad `lesson` value: said in plain text, and no lesson. */
function InvalidLesson({ given }: { readonly given: string }) {
  return (
    <aside className="lesson-panel lesson-invalid notice" role="alert">
      <p>{invalidLessonText(given)}</p>
      <p>
        <button type="button" className="button" onClick={closeLesson}>
          Dismiss
        </button>
      </p>
    </aside>
  );
}

/** What to do and watch, where the page answers, the papers, the keys. */
function LessonBody({
  lesson,
  startingText,
}: {
  readonly lesson: Lesson;
  readonly startingText: string | null;
}) {
  return (
    <>
      <p className="lesson-text">{lesson.text}</p>
      <p className="lesson-start muted" role="status">
        {startingText}
      </p>
      <details className="lesson-answer">
        <summary>Where the page answers it</summary>
        <p>{lesson.answer}</p>
      </details>
      <p className="lesson-cites">
        After{' '}
        {lesson.cites.map((citation, index) => (
          <span key={citation.title}>
            {index > 0 && (index === lesson.cites.length - 1 ? ' and ' : ', ')}
            <cite title={citation.title}>{citationText(citation)}</cite>
          </span>
        ))}
        .
      </p>
      <p className="lesson-keys muted">
        Keys: <kbd>P</kbd> previous, <kbd>N</kbd> next lesson.
      </p>
    </>
  );
}

function LessonView({ lesson }: { readonly lesson: Lesson }) {
  const headingId = useId();
  const controller = useController();
  const backend = usePlayground(selectBackend);
  const previous = neighbourLesson(lesson, -1);
  const next = neighbourLesson(lesson, 1);
  const startingState = useStartingState(lesson);
  const runId = usePlayground(selectRunId);
  const startingText = startingStateText(startingState, lesson, runId);
  const narrow = useNarrowScreen();

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isShortcutKey(event)) return;
      const target = NEXT_KEYS.has(event.key)
        ? next
        : PREVIOUS_KEYS.has(event.key)
          ? previous
          : null;
      if (target === null) return;
      event.preventDefault();
      if (target !== undefined && !event.repeat) goToLesson(controller, target, backend);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [controller, backend, previous, next]);

  // One column: the path's buttons share the heading row, to keep the panel short.
  const nav = (
    <div className="lesson-nav" role="group" aria-label="Lesson path">
      <button
        type="button"
        className="button"
        disabled={previous === undefined}
        aria-keyshortcuts="P"
        onClick={() => {
          if (previous !== undefined) goToLesson(controller, previous, backend);
        }}
      >
        ← Previous
      </button>
      <button
        type="button"
        className="button"
        disabled={next === undefined}
        aria-keyshortcuts="N"
        onClick={() => {
          if (next !== undefined) goToLesson(controller, next, backend);
        }}
      >
        Next →
      </button>
    </div>
  );
  return (
    <aside className="lesson-panel" aria-labelledby={headingId} data-lesson={lesson.number}>
      <div className="lesson-head">
        <p className="lesson-kicker">
          Lesson {lesson.number} of {LESSONS.length}
        </p>
        {narrow && nav}
        <button
          type="button"
          className="button lesson-close"
          aria-label="Close the lesson"
          title="Close the lesson"
          onClick={closeLesson}
        >
          ×
        </button>
      </div>
      <h2 id={headingId} className="lesson-title">
        {lesson.title}
      </h2>
      <p className="lesson-question">
        <strong>Question:</strong> {lesson.question}
      </p>
      {narrow ? (
        <details className="lesson-more">
          <summary>What to do and watch</summary>
          <LessonBody lesson={lesson} startingText={startingText} />
        </details>
      ) : (
        <LessonBody lesson={lesson} startingText={startingText} />
      )}
      {!narrow && nav}
    </aside>
  );
}

/**
 * The lesson the address names (`lesson=N`), beside the charts: what to do, what to watch, the
 * question and where the page answers it, with Previous, Next and Close. Nothing without one.
 */
export function LessonPanel() {
  const param = useLessonParam();
  if (param.kind === 'none') return null;
  if (param.kind === 'invalid') return <InvalidLesson given={param.given} />;
  return <LessonView key={param.lesson.number} lesson={param.lesson} />;
}

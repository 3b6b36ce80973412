import { useSyncExternalStore } from 'react';
import { addressSnapshot, lessonHref, subscribeToAddress } from './lessonAddress';
import { LESSONS } from '../../core/lessons/lessons';
import './lessons.css';

/**
 * The way into the Learn path from the header: a disclosure listing every lesson as a link
 * (`?lesson=N`, keeping classroom keys), so a reader can start anywhere on the path.
 */
export function LearnMenu() {
  // Links keep the address's present and hide keys, so they follow the address.
  useSyncExternalStore(subscribeToAddress, addressSnapshot);
  return (
    <details className="learn-menu">
      <summary className="button header-button">Learn</summary>
      <nav className="learn-list" aria-label="Lessons">
        <p className="learn-intro">Nine short lessons, each a run with one question to answer.</p>
        <ol>
          {LESSONS.map((lesson) => (
            <li key={lesson.number}>
              <a href={lessonHref(lesson)}>{lesson.title}</a>
            </li>
          ))}
        </ol>
      </nav>
    </details>
  );
}

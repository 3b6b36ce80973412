/**
 * A lesson's starting state: a lean checkpoint shipped with the page (public/lessons/), made by
 * `npm run lesson-states`. Read like any checkpoint, then held to the lesson: a state made for
 * other settings (the lesson changed since) is refused, so a lesson never opens on a stale run.
 */
import { parseLink, toQuery, type ExperimentConfig } from '../config';
import { readCheckpoint } from '../trainer/checkpointFile';
import type { TrainingHistory } from '../trainer/history';
import type { TrainerSnapshot } from '../trainer/types';
import { lessonQuery, type Lesson } from './lessons';

/** Where a lesson's state lies, relative to the page (and, under public/, to the repository). */
export function lessonStatePath(lesson: Lesson): string {
  return `lessons/lesson-${lesson.number}.json`;
}

/** The settings a lesson opens with, on a given backend. */
export function lessonConfig(
  lesson: Lesson,
  backend: ExperimentConfig['backend'],
): ExperimentConfig {
  return Object.freeze({ ...parseLink(`?${lessonQuery(lesson)}`).config, backend });
}

export interface LessonState {
  /** Ready to restore: the lesson's own settings (its length, the page's backend). */
  readonly snapshot: TrainerSnapshot;
  readonly history: TrainingHistory;
}

export type ReadLessonState =
  | { readonly ok: true; readonly state: LessonState }
  | { readonly ok: false; readonly message: string };

/** Settings compared as a link writes them, without what a state may differ in. */
function experimentKey(config: ExperimentConfig): string {
  return toQuery({ ...config, iterations: 1, backend: 'auto' });
}

/** Checks a parsed state file against the lesson it is for, to run on `backend`. */
export function readLessonState(
  json: unknown,
  lesson: Lesson,
  backend: ExperimentConfig['backend'],
): ReadLessonState {
  const read = readCheckpoint(json);
  if (!read.ok) return read;
  const config = lessonConfig(lesson, backend);
  if (experimentKey(read.snapshot.config) !== experimentKey(config)) {
    return { ok: false, message: `it was made for other settings than lesson ${lesson.number}'s` };
  }
  if (read.snapshot.iteration >= config.iterations) {
    return {
      ok: false,
      message: `it has trained the whole lesson (${config.iterations} iterations)`,
    };
  }
  if (read.history === null) return { ok: false, message: 'it holds no training curves' };
  return { ok: true, state: { snapshot: { ...read.snapshot, config }, history: read.history } };
}

/**
 * A lesson opens from its starting state (public/lessons/lesson-N.json): fetched as the lesson
 * shows, checked against the lesson, and put in place of the fresh run if nobody has started it
 * and the settings are still the lesson's. Said in the lesson panel either way.
 */
import { useEffect, useState } from 'react';
import type { Lesson } from '../../core/lessons/lessons';
import { lessonConfig, lessonStatePath, readLessonState } from '../../core/lessons/lessonState';
import { useController, usePlaygroundStore } from '../training/context';
import type { PlaygroundStore } from '../store/playgroundStore';
import { sameConfig } from '../store/settingsSlice';

export type StartingState =
  | { readonly kind: 'none' }
  /** The run `runId` opened from the state; a later run (after Reset) is another. */
  | { readonly kind: 'opened'; readonly iteration: number; readonly runId: number | null }
  | { readonly kind: 'unavailable'; readonly reason: string };

/** The state's address: beside the page, wherever the page is served from. */
function stateUrl(lesson: Lesson): string {
  return `${import.meta.env.BASE_URL}${lessonStatePath(lesson)}`;
}

async function fetchState(lesson: Lesson, signal: AbortSignal): Promise<unknown> {
  const response = await fetch(stateUrl(lesson), { signal });
  if (!response.ok) throw new Error(`the page's server answered ${response.status}`);
  return response.json();
}

/** Whether the run on the page is the lesson's own, untouched: the state may replace it. */
function lessonRunUntouched(store: PlaygroundStore, lesson: Lesson): boolean {
  const { settings, run } = store.getState();
  const config = lessonConfig(lesson, settings.config.backend);
  return sameConfig(settings.config, config) && run.iteration === 0 && run.activity === null;
}

export function useStartingState(lesson: Lesson): StartingState {
  const controller = useController();
  const store = usePlaygroundStore();
  const [state, setState] = useState<StartingState>({ kind: 'none' });
  useEffect(() => {
    // Opened on other settings (a changed link), or a run already begun: the lesson is text only.
    if (!lessonRunUntouched(store, lesson)) return;
    const abort = new AbortController();
    fetchState(lesson, abort.signal)
      .then((json) => {
        const backend = store.getState().settings.config.backend;
        const read = readLessonState(json, lesson, backend);
        if (!read.ok) {
          setState({ kind: 'unavailable', reason: read.message });
          return;
        }
        const opened =
          lessonRunUntouched(store, lesson) && controller.openStartingState(read.state);
        const { runId } = store.getState().run;
        setState(
          opened
            ? { kind: 'opened', iteration: read.state.snapshot.iteration, runId }
            : { kind: 'none' },
        );
      })
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        const reason = error instanceof Error ? error.message : String(error);
        setState({ kind: 'unavailable', reason });
      });
    return () => {
      abort.abort();
    };
  }, [lesson, controller, store]);
  return state;
}

/** What the lesson panel says about where the run on the page (`runId`) began. */
export function startingStateText(
  state: StartingState,
  lesson: Lesson,
  runId: number | null,
): string | null {
  const total = lessonConfig(lesson, 'auto').iterations.toLocaleString('en');
  switch (state.kind) {
    case 'none':
      return null;
    case 'opened':
      if (state.runId !== runId) return null;
      return `Opened already trained for ${state.iteration.toLocaleString('en')} of ${total} iterations (a state that comes with the page), so the charts show it at once. Start trains on from there; Reset starts from scratch.`;
    case 'unavailable':
      return `The lesson’s starting state could not be used (${state.reason}); it starts from scratch.`;
  }
}

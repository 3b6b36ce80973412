import { useEffect } from 'react';
import type { PlaygroundController } from './controller';

/** Elements that use typed keys themselves; shortcuts stay quiet while one has focus. */
const TYPING_SELECTOR = 'input, select, textarea, [contenteditable]:not([contenteditable="false"])';
/** Elements that Space activates by itself; a shortcut on Space there would act twice. */
const SPACE_ACTIVATED_SELECTOR = 'button, a[href], summary, [role="button"], [role="checkbox"]';

function targetElement(event: KeyboardEvent): Element | null {
  return event.target instanceof Element ? event.target : null;
}

/** Whether a key press is for the page's shortcuts: no modifier, not typed into a field. */
export function isShortcutKey(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return false;
  return targetElement(event)?.closest(TYPING_SELECTOR) == null;
}

/**
 * Space or K starts, pauses and resumes; S or "." steps one iteration. Ignored with modifier keys
 * and while typing, so they never steal a key from a form field or the browser; off entirely
 * where the page shows no run controls (a classroom link's hide=controls).
 */
export function useKeyboardShortcuts(controller: PlaygroundController, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isShortcutKey(event)) return;
      const target = targetElement(event);
      const key = event.key;
      if (key === ' ' || key === 'k' || key === 'K') {
        if (key === ' ' && target?.closest(SPACE_ACTIVATED_SELECTOR)) return;
        event.preventDefault();
        if (!event.repeat) controller.toggle();
      } else if (key === 's' || key === 'S' || key === '.') {
        event.preventDefault();
        controller.step();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [controller, enabled]);
}

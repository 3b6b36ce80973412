import { useEffect, useId, useRef } from 'react';
import { isShortcutKey } from '../training/useKeyboardShortcuts';

/** The keyboard shortcuts, how to read the page, and where to look inside a run from the console. */
function HelpContent({ headingId }: { readonly headingId: string }) {
  return (
    <>
      <h2 id={headingId}>Help</h2>
      <h3>Keyboard shortcuts</h3>
      <ul className="help-keys">
        <li>
          <kbd>Space</kbd> or <kbd>K</kbd>: start, pause or resume training
        </li>
        <li>
          <kbd>S</kbd> or <kbd>.</kbd>: train one more iteration, then pause
        </li>
        <li>
          <kbd>?</kbd>: this help; <kbd>Esc</kbd> closes it
        </li>
        <li>
          <kbd>N</kbd> or <kbd>]</kbd>, <kbd>P</kbd> or <kbd>[</kbd>: next or previous lesson, while
          a lesson is shown
        </li>
        <li>
          <kbd>←</kbd> <kbd>→</kbd> on the row of views below the charts: move between views
        </li>
        <li>
          In <em>Your own task</em>: arrow keys move a focused point, <kbd>Delete</kbd> removes it
        </li>
      </ul>
      <p className="muted">Shortcuts do nothing while a form field has focus.</p>
      <h3>Reading the page</h3>
      <p>
        The settings on the left describe one experiment, and the page address carries all of them:
        copy the link to share the run, seed included. On the right, the function view shows a task
        the learner has never seen and how it adapts to a few points of it; the chart beside it
        shows the meta-training loss falling and, every so often, how well the learned starting
        point adapts to new tasks compared with a pretrained network. The row of views below holds
        everything else: every learning curve, the tasks of the latest meta-batch, comparisons of
        algorithms, and what the learner looks like inside.
      </p>
      <h3>For researchers</h3>
      <p>
        <code>window.playground</code> in the developer console gives the store (
        <code>playground.store.getState()</code> has the settings, the run and the loss series) and
        the training worker&rsquo;s client (<code>playground.client.send(…)</code>). The same links
        run headless with <code>npm run experiment -- --url &apos;…&apos;</code>.
      </p>
    </>
  );
}

/**
 * The Help button and its dialog. <kbd>?</kbd> opens it from anywhere on the page except a form
 * field; the native dialog keeps focus inside, closes on Escape and returns focus to the page.
 */
export function HelpDialog() {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const headingId = useId();

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '?' || !isShortcutKey(event)) return;
      const dialog = dialogRef.current;
      if (dialog === null || dialog.open) return;
      event.preventDefault();
      dialog.showModal();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
    };
  }, []);

  return (
    <>
      <button
        type="button"
        className="button header-button"
        aria-haspopup="dialog"
        aria-keyshortcuts="?"
        onClick={() => {
          dialogRef.current?.showModal();
        }}
      >
        <span aria-hidden="true">?</span> Help
      </button>
      <dialog
        ref={dialogRef}
        className="help-dialog"
        aria-labelledby={headingId}
        onClick={(event) => {
          // A click on the backdrop lands on the dialog element itself: close, as Escape does.
          if (event.target === event.currentTarget) event.currentTarget.close();
        }}
      >
        <div className="help-body">
          <HelpContent headingId={headingId} />
          <form method="dialog" className="help-actions">
            <button type="submit" className="button button-primary">
              Close
            </button>
          </form>
        </div>
      </dialog>
    </>
  );
}

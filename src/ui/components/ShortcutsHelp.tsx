/** The keyboard shortcuts, and where to look inside a run from the console. */
export function ShortcutsHelp() {
  return (
    <div className="shortcuts">
      <h3 id="shortcuts-heading">Keyboard shortcuts</h3>
      <ul aria-labelledby="shortcuts-heading">
        <li>
          <kbd>Space</kbd> or <kbd>K</kbd>: start, pause or resume
        </li>
        <li>
          <kbd>S</kbd> or <kbd>.</kbd>: step one iteration
        </li>
      </ul>
      <p className="muted">
        Shortcuts do nothing while a form field has focus. Researchers:{' '}
        <code>window.playground</code> in the developer console gives the store (
        <code>playground.store.getState()</code> has the settings, the run and the loss series) and
        the worker&rsquo;s client (<code>playground.client.send(…)</code>).
      </p>
    </div>
  );
}

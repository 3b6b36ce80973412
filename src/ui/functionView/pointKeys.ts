/** What a key pressed on a focused support point does to it. */

/** How far an arrow key moves a point, in data units; with Shift, the larger step. */
export const KEY_STEP = 0.1;
export const KEY_STEP_LARGE = 0.5;

export type PointKeyAction =
  { readonly kind: 'move'; readonly dx: number; readonly dy: number } | { readonly kind: 'remove' };

/** The action for `key` (a KeyboardEvent key name), or null for a key the points ignore. */
export function pointKeyAction(key: string, large: boolean): PointKeyAction | null {
  const step = large ? KEY_STEP_LARGE : KEY_STEP;
  switch (key) {
    case 'ArrowLeft':
      return { kind: 'move', dx: -step, dy: 0 };
    case 'ArrowRight':
      return { kind: 'move', dx: step, dy: 0 };
    case 'ArrowUp':
      return { kind: 'move', dx: 0, dy: step };
    case 'ArrowDown':
      return { kind: 'move', dx: 0, dy: -step };
    case 'Delete':
    case 'Backspace':
      return { kind: 'remove' };
    default:
      return null;
  }
}

/** The keys, in words, for a point's description. */
export const keyHint =
  `Arrow keys move the point by ${KEY_STEP} (with Shift, ${KEY_STEP_LARGE}); ` +
  'Delete removes it.';

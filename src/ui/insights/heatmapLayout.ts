/**
 * Sizes and positions of the task-relations heatmap, and how the keyboard moves across it. The
 * grid's positions include its headers: row -1 holds the column labels, column -1 the row labels.
 */

/**
 * More tasks than this are cut to the first ones: smaller cells could not be read or pointed at,
 * and a thousand cells are about what the page redraws every second without a stall (32 holds
 * the MAML paper's Omniglot meta-batch).
 */
export const MAX_SHOWN_TASKS = 32;
/** Cells at least this large carry their value as text. */
export const VALUE_TEXT_MIN_CELL = 34;

const ROW_LABELS = 76;
const COLUMN_LABELS = 62;
const PAD = 6;
/** Room right of the grid for the last column label, which leans to the right. */
const RIGHT = 34;
const MAX_CELL = 46;
const MIN_CELL = 11;

export interface HeatmapLayout {
  readonly n: number;
  readonly cell: number;
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly fontSize: number;
}

/** The layout for `n` tasks in a space `available` pixels wide. */
export function heatmapLayout(n: number, available: number): HeatmapLayout {
  const room = Math.max(0, available - ROW_LABELS - RIGHT);
  const cell = Math.max(MIN_CELL, Math.min(MAX_CELL, Math.floor(room / Math.max(1, n))));
  return {
    n,
    cell,
    left: ROW_LABELS,
    top: COLUMN_LABELS,
    width: ROW_LABELS + n * cell + RIGHT,
    height: COLUMN_LABELS + n * cell + PAD,
    fontSize: Math.max(9, Math.min(12, cell - 2)),
  };
}

export interface GridPosition {
  readonly row: number;
  readonly col: number;
}

/**
 * Where a key moves the focus from `at` in an n x n grid with headers, or null for keys the grid
 * does not use. The corner (-1, -1) holds nothing and is stepped over.
 */
export function moveFocus(at: GridPosition, key: string, n: number): GridPosition | null {
  const last = n - 1;
  const clamp = (value: number) => Math.max(-1, Math.min(last, value));
  let { row, col } = at;
  switch (key) {
    case 'ArrowUp':
      row = clamp(row - 1);
      break;
    case 'ArrowDown':
      row = clamp(row + 1);
      break;
    case 'ArrowLeft':
      col = clamp(col - 1);
      break;
    case 'ArrowRight':
      col = clamp(col + 1);
      break;
    case 'Home':
      col = row === -1 ? 0 : -1;
      break;
    case 'End':
      col = last;
      break;
    default:
      return null;
  }
  if (row === -1 && col === -1) return at;
  return { row, col };
}

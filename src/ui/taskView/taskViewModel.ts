/**
 * Plain reading of a TaskView for the viewer: class names, each image's pixels, and how many query
 * images of each class were labelled right before and after adapting.
 */
import type { TaskView } from '../../core/trainer/classification/inspectTypes';

/** Classes of a task are named A, B, C, ... (then 21, 22, ... beyond the alphabet). */
export function className(label: number): string {
  return label >= 0 && label < 26 ? String.fromCharCode(65 + label) : String(label + 1);
}

/** The pixels of image `index` in a block of images. */
export function imageAt(images: Float32Array, size: number, index: number): Float32Array {
  const area = size * size;
  return images.subarray(index * area, (index + 1) * area);
}

export interface QueryItem {
  /** Index into the view's query arrays. */
  readonly index: number;
  readonly label: number;
  readonly before: number;
  readonly after: number;
}

export interface ClassRow {
  readonly label: number;
  /** Indices of this class's support images. */
  readonly support: readonly number[];
  readonly queries: readonly QueryItem[];
  readonly rightBefore: number;
  readonly rightAfter: number;
}

/** One row per class, in label order, with its support images and its query images. */
export function classRows(view: TaskView): ClassRow[] {
  const rows = Array.from({ length: view.ways }, (_, label) => ({
    label,
    support: [] as number[],
    queries: [] as QueryItem[],
    rightBefore: 0,
    rightAfter: 0,
  }));
  view.supportLabels.forEach((label, index) => {
    rows[label]?.support.push(index);
  });
  view.queryLabels.forEach((label, index) => {
    const row = rows[label];
    if (row === undefined) return;
    const before = view.before[index] ?? -1;
    const after = view.after[index] ?? -1;
    row.queries.push({ index, label, before, after });
    if (before === label) row.rightBefore += 1;
    if (after === label) row.rightAfter += 1;
  });
  return rows;
}

export interface Totals {
  readonly queries: number;
  readonly rightBefore: number;
  readonly rightAfter: number;
}

export function totalsOf(rows: readonly ClassRow[]): Totals {
  return rows.reduce(
    (sum, row) => ({
      queries: sum.queries + row.queries.length,
      rightBefore: sum.rightBefore + row.rightBefore,
      rightAfter: sum.rightAfter + row.rightAfter,
    }),
    { queries: 0, rightBefore: 0, rightAfter: 0 },
  );
}

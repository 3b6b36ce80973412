/**
 * A saved run as checkpoint text (the file a download holds, and what browser storage keeps),
 * and back. Reading never trusts the text: a damaged or foreign file, or one of a newer version,
 * is refused with the reason.
 */
import { learnerLabel } from '../../core/learners/registry';
import type { ExperimentConfig } from '../../core/config';
import { checkpointJson, readCheckpoint } from '../../core/trainer/checkpointFile';
import { emptyCurves } from '../../core/trainer/trainingCurves';
import type { SavedRun } from './savedRun';

export function checkpointText(saved: SavedRun): string {
  return `${JSON.stringify(checkpointJson(saved.snapshot, { curves: saved.curves }))}\n`;
}

export type ReadSavedRun =
  | { readonly ok: true; readonly saved: SavedRun }
  | { readonly ok: false; readonly message: string };

export function readCheckpointText(text: string): ReadSavedRun {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'it is not JSON' };
  }
  const read = readCheckpoint(json);
  if (!read.ok) return read;
  const { snapshot } = read;
  // A file of the runner or of version 1 has no curves: the charts start at its iteration.
  return { ok: true, saved: { snapshot, curves: read.curves ?? emptyCurves(snapshot.iteration) } };
}

/** What a checkpoint is called unless the user names it: "MAML sinusoid, iteration 200". */
export function defaultCheckpointName(config: ExperimentConfig, iteration: number): string {
  return `${learnerLabel(config)} ${config.task}, iteration ${iteration}`;
}

/** A file name for the checkpoint: its name with anything odd in a file name replaced. */
export function checkpointFileName(name: string): string {
  const safe = name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '');
  return `${safe || 'checkpoint'}.checkpoint.json`;
}

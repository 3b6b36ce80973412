/** The runner's checkpoints: --resume reads one before anything runs, --save writes one at the end. */
import { readFileSync } from 'node:fs';
import { applyOverrides, type ExperimentConfig } from '../core/config';
import {
  checkpointJson,
  readCheckpoint,
  type CheckpointOptions,
} from '../core/trainer/checkpointFile';
import type { Trainer, TrainerSnapshot } from '../core/trainer';
import type { TrainingCurves } from '../core/trainer/trainingCurves';
import type { RunnerArgs } from './args';
import { writeKeeping } from './outputFiles';

/** A run continued from a checkpoint keeps its settings; only its length may change. */
const RESUMABLE = /^iterations=/;

export type Loaded =
  | {
      readonly ok: true;
      readonly snapshot: TrainerSnapshot;
      readonly config: ExperimentConfig;
      /** Every iteration's numbers up to the checkpoint, where it keeps them (version 2). */
      readonly curves: TrainingCurves | null;
    }
  | { readonly ok: false; readonly lines: string[] };

/** The checkpoint --resume names, checked, with --set iterations=N applied. */
export function loadCheckpoint(args: RunnerArgs, path: string): Loaded {
  const others = args.sets.filter((set) => !RESUMABLE.test(set));
  if (args.url !== null || others.length > 0) {
    return {
      ok: false,
      lines: [
        `--resume continues the checkpoint with its own settings; only --set iterations=N may be given with it.`,
      ],
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, lines: [`--resume ${path}: cannot read it (${reason}).`] };
  }
  const read = readCheckpoint(json);
  if (!read.ok) return { ok: false, lines: [`--resume ${path}: ${read.message}.`] };
  const { config, problems } = applyOverrides(read.snapshot.config, args.sets);
  if (problems.length > 0) return { ok: false, lines: problems.map((p) => p.message) };
  return { ok: true, snapshot: { ...read.snapshot, config }, config, curves: read.curves };
}

/**
 * Writes the trainer's checkpoint (a starting state with `options.lean`); a path that cannot be
 * written is reported, not thrown, and the checkpoint kept in a temporary file instead.
 */
export function saveCheckpoint(
  trainer: Trainer,
  path: string,
  options: CheckpointOptions = {},
): string | null {
  const flag = options.lean === true ? '--save-state' : '--save';
  const text = `${JSON.stringify(checkpointJson(trainer.snapshot(), options))}\n`;
  const outcome = writeKeeping(flag, path, text);
  return outcome.written ? null : outcome.message;
}

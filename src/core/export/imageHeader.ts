/**
 * What the header of an image-classification script adds: the network's and tasks' settings and
 * the playground's fixed numbers they are computed with, taken from where the playground keeps
 * them so the two cannot drift apart.
 */
import type { ExperimentConfig } from '../config';
import { BATCH_NORM_EPSILON } from '../model/classifier';
import { CONV_BLOCKS } from '../trainer/classification/specs';
import {
  HELD_OUT_CHUNK_BYTES,
  MAX_HELD_OUT_CHUNK_TASKS,
} from '../trainer/classification/heldOutChunk';
import {
  ABOVE_GUESSING_FACTOR,
  ABOVE_GUESSING_WINDOW,
  EXPLOSION_FACTOR,
} from '../trainer/divergence';
import type { PythonValue } from './pythonLiteral';

export function imageConstants(config: ExperimentConfig): [string, PythonValue][] {
  return [
    ['NETWORK', config.network],
    ['FILTERS', config.filters],
    ['NORM', config.norm],
    ['IMAGE_SIZE', config.imageSize],
    ['WAYS', config.ways],
    ['ROTATIONS', config.rotations],
    ['CONV_BLOCKS', CONV_BLOCKS],
    ['BATCH_NORM_EPSILON', BATCH_NORM_EPSILON],
    ['EXPLOSION_FACTOR', EXPLOSION_FACTOR],
    ['ABOVE_GUESSING_FACTOR', ABOVE_GUESSING_FACTOR],
    ['ABOVE_GUESSING_WINDOW', ABOVE_GUESSING_WINDOW],
    ['HELD_OUT_CHUNK_TASKS', MAX_HELD_OUT_CHUNK_TASKS],
    ['HELD_OUT_CHUNK_BYTES', HELD_OUT_CHUNK_BYTES],
  ];
}

export const IMAGE_USAGE = `Usage:
    python3 this_file.py --omniglot images_background.zip [images_evaluation.zip ...]
        [--one-shot-runs all_runs.zip] [--iterations N] [--out results.json] [--device auto|cpu|cuda]
    torchrun --nproc_per_node 2 this_file.py --omniglot images_background.zip --out results.json

The Omniglot zips are those of the public Omniglot repository (Lake et al. 2015), the same files
the playground reads; the script splits them into meta-training and held-out classes as the
playground does. Every process reads the zips itself; torchrun splits each meta-batch's tasks.`;

/**
 * The exported script's Omniglot data, standard library and PyTorch only: the user's zips read,
 * split into meta-training and held-out classes, and N-way K-shot tasks drawn from the seed, the
 * same images and labels as the playground's. Its entry points: read_omniglot(zip_paths),
 * omniglot_pools(library, image_size, rotations), sample_image_tasks(rng, pool, tasks, ways,
 * shots, query) -> ImageTasks, read_one_shot_runs(zip_path, image_size) -> (ImageTasks, names).
 */
import { PYTHON_PNG } from './pythonPng';
import { PYTHON_OMNIGLOT_ARCHIVE } from './pythonOmniglotArchive';
import { PYTHON_OMNIGLOT_POOLS } from './pythonOmniglotPools';
import { PYTHON_TASK_BATCH } from './pythonTaskBatch';
import { PYTHON_IMAGE_TASKS } from './pythonImageTasks';
import { PYTHON_ONE_SHOT_RUNS } from './pythonOneShotRuns';

/** What the sections below use beyond the header's imports (math, os, torch). */
const IMPORTS = `
# Reading the zips takes these beside the imports above.
import functools
import re
import struct
import zipfile
import zlib
`;

export const PYTHON_OMNIGLOT = [
  IMPORTS,
  PYTHON_PNG,
  PYTHON_OMNIGLOT_ARCHIVE,
  PYTHON_OMNIGLOT_POOLS,
  PYTHON_TASK_BATCH,
  PYTHON_IMAGE_TASKS,
  PYTHON_ONE_SHOT_RUNS,
].join('\n');

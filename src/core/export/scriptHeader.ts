/** The top of the exported script: what it runs and how, then the settings as constants. */
import { toJson, toQuery, type ExperimentConfig } from '../config';
import { learnerLabel } from '../learners/registry';
import { isClassification } from '../families/registry';
import { pythonLiteral, type PythonValue } from './pythonLiteral';
import { imageConstants, IMAGE_USAGE } from './imageHeader';

/** The settings the script reads, as Python constants (the playground's names, upper case). */
function settingConstants(config: ExperimentConfig): string {
  const constants: [string, PythonValue][] = [
    ['ALGORITHM', config.algorithm],
    ['SHOTS', config.shots],
    ['QUERY', config.query],
    ['META_BATCH', config.metaBatch],
    ['INNER_STEPS', config.innerSteps],
    ['TEST_INNER_STEPS', config.testInnerSteps],
    ['INNER_LR', config.innerLr],
    ['META_LR', config.metaLr],
    ['ITERATIONS', config.iterations],
    ['PRETRAIN_EVERY', config.pretrainEvery],
    ['FIRST_ORDER', config.firstOrder],
    ['HIDDEN', [...config.hidden]],
    ['ACTIVATION', config.activation],
    ['SEED', config.seed],
    ['EVAL_TASKS', config.evalTasks],
    ['EVAL_QUERY', config.evalQuery],
  ];
  const all = isClassification(config) ? [...constants, ...imageConstants(config)] : constants;
  return all.map(([name, value]) => `${name} = ${pythonLiteral(value)}`).join('\n');
}

const SINE_USAGE = `Usage:
    python3 this_file.py [--iterations N] [--out results.json] [--device auto|cpu|cuda]
    torchrun --nproc_per_node 2 this_file.py --out results.json    # data-parallel over tasks
    torchrun --nnodes 2 --nproc_per_node 8 --rdzv-backend c10d --rdzv-endpoint host:29500 this_file.py`;

export function scriptHeader(config: ExperimentConfig): string {
  const link = toQuery(config);
  const all = pythonLiteral(toJson(config));
  const images = isClassification(config);
  return `#!/usr/bin/env python3
"""${learnerLabel(config)} on ${images ? 'Omniglot' : 'sine waves'}, exported from the Meta-Learning Playground.

The playground's settings: ?${link}

Runs the same experiment as the playground and its runner (npm run experiment) with PyTorch: the
same tasks (the playground's random streams, so the same seed draws the same meta-batches, initial
weights and held-out tasks), network, learner, outer optimiser (Adam), baselines (pretrained and
scratch) and held-out evaluation (EVAL_TASKS tasks, query loss${images ? ' and accuracy' : ''} after 0..TEST_INNER_STEPS inner
steps, mean with a normal 95% interval). Second order goes through autograd (create_graph=True)
unless first order is set. Only floating-point rounding differs.

${images ? IMAGE_USAGE : SINE_USAGE}

--out writes the playground's results format (open it on the page's Save & export tab).
Needs only PyTorch and the Python standard library.
"""
import argparse
import json
import math
import os
import sys
import time

import torch
import torch.distributed as dist
${images ? 'import torch.nn.functional as F\n' : ''}
# The experiment's settings (the playground's names).
${settingConstants(config)}

# Every setting, as the results file records them.
CONFIG = ${all}
`;
}

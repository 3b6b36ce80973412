/**
 * "Export as PyTorch script": one readable Python file that runs an experiment of the playground
 * with PyTorch (one GPU, or data-parallel with torchrun), or the reason it cannot.
 */
import type { ExperimentConfig } from '../config';
import { isClassification } from '../families/registry';
import { exportRefusal } from './refusal';
import { scriptHeader } from './scriptHeader';
import { PYTHON_RANDOM } from './pythonRandom';
import { PYTHON_TASK_BATCH } from './pythonTaskBatch';
import { PYTHON_TASKS } from './pythonTasks';
import { PYTHON_LEARNERS } from './pythonLearners';
import { PYTHON_EVALUATION, PYTHON_SUMMARY } from './pythonEvaluation';
import { PYTHON_PROCESSES, PYTHON_TRAINING } from './pythonTraining';
import { PYTHON_JSON, PYTHON_MAIN, PYTHON_RUN_ARGUMENTS } from './pythonMain';
import { PYTHON_OMNIGLOT } from './pythonOmniglot';
import { PYTHON_CLASSIFIER } from './pythonClassifier';
import { PYTHON_IMAGE_LEARNERS } from './pythonImageLearners';
import { PYTHON_IMAGE_EVALUATION } from './pythonImageEvaluation';
import { PYTHON_IMAGE_TRAINING } from './pythonImageTraining';
import { PYTHON_IMAGE_MAIN } from './pythonImageMain';

export type PyTorchExport =
  | { readonly ok: true; readonly fileName: string; readonly text: string }
  | { readonly ok: false; readonly reason: string };

/** Sine waves: the tasks and MLP, the MAML family, the evaluation of regression. */
const SINE_SECTIONS = [
  PYTHON_TASK_BATCH,
  PYTHON_TASKS,
  PYTHON_LEARNERS,
  PYTHON_SUMMARY,
  PYTHON_EVALUATION,
  PYTHON_PROCESSES,
  PYTHON_TRAINING,
  PYTHON_JSON,
  PYTHON_RUN_ARGUMENTS,
  PYTHON_MAIN,
];

/** Omniglot: the user's zips, the classifier, the learners and evaluation of image tasks. */
const IMAGE_SECTIONS = [
  PYTHON_OMNIGLOT,
  PYTHON_CLASSIFIER,
  PYTHON_IMAGE_LEARNERS,
  PYTHON_SUMMARY,
  PYTHON_IMAGE_EVALUATION,
  PYTHON_PROCESSES,
  PYTHON_IMAGE_TRAINING,
  PYTHON_JSON,
  PYTHON_RUN_ARGUMENTS,
  PYTHON_IMAGE_MAIN,
];

export function pytorchScript(config: ExperimentConfig): PyTorchExport {
  const reason = exportRefusal(config);
  if (reason !== null) return { ok: false, reason };
  const body = isClassification(config) ? IMAGE_SECTIONS : SINE_SECTIONS;
  return {
    ok: true,
    fileName: `${config.task}-${config.algorithm}-seed${config.seed}.py`,
    text: [scriptHeader(config), PYTHON_RANDOM, ...body].join('\n'),
  };
}

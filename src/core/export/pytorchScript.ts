/**
 * "Export as PyTorch script": one readable Python file that runs an experiment of the playground
 * with PyTorch (one GPU, or data-parallel with torchrun), or the reason it cannot.
 */
import type { ExperimentConfig } from '../config';
import { exportRefusal } from './refusal';
import { scriptHeader } from './scriptHeader';
import { PYTHON_RANDOM } from './pythonRandom';
import { PYTHON_TASKS } from './pythonTasks';
import { PYTHON_LEARNERS } from './pythonLearners';
import { PYTHON_EVALUATION } from './pythonEvaluation';
import { PYTHON_TRAINING } from './pythonTraining';
import { PYTHON_MAIN } from './pythonMain';

export type PyTorchExport =
  | { readonly ok: true; readonly fileName: string; readonly text: string }
  | { readonly ok: false; readonly reason: string };

export function pytorchScript(config: ExperimentConfig): PyTorchExport {
  const reason = exportRefusal(config);
  if (reason !== null) return { ok: false, reason };
  const sections = [
    scriptHeader(config),
    PYTHON_RANDOM,
    PYTHON_TASKS,
    PYTHON_LEARNERS,
    PYTHON_EVALUATION,
    PYTHON_TRAINING,
    PYTHON_MAIN,
  ];
  return {
    ok: true,
    fileName: `${config.task}-${config.algorithm}-seed${config.seed}.py`,
    text: sections.join('\n'),
  };
}

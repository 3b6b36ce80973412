/** The runner's held-out tables on stderr: a learner against both baselines, or a comparison. */
import type { ExperimentConfig } from '../core/config';
import type { Evaluation, ModelCurves } from '../core/trainer';
import type { OneShotScore } from '../core/trainer/classification/inspectTypes';
import { comparisonLines, modelLabel } from './comparisonLines';

/** The tables' first column fits every model's name. */
function nameWidth(names: readonly string[]): number {
  return Math.max(11, ...names.map((name) => name.length + 1));
}

function accuracyLines(evaluation: Evaluation, names: readonly string[], over: string): string[] {
  if (evaluation.models.some((model) => !model.accuracy)) return [];
  const last = evaluation.steps.length - 1;
  const cell = (model: ModelCurves, step: number): string =>
    `${(100 * model.accuracy!.mean[step]!).toFixed(1)}% +- ${(100 * model.accuracy!.ci95[step]!).toFixed(1)}`;
  return [
    `Held-out accuracy ${over}, before and after ${last} steps:`,
    ...evaluation.models.map(
      (model, i) =>
        `${names[i]!.padEnd(nameWidth(names))} ${cell(model, 0).padEnd(18)} ${cell(model, last)}`,
    ),
  ];
}

export function oneShotLines(score: OneShotScore): string[] {
  return [
    `20-way one-shot runs (Lake et al. 2015): error ${(100 * score.errorRate).toFixed(1)}% +- ${(100 * score.ci95).toFixed(1)} over ${score.runs.length} runs` +
      (score.steps > 0 ? ` after ${score.steps} fine-tuning steps` : ''),
  ];
}

/** A curve that climbs far above its best point (or overflows) means fine-tuning diverged there. */
function instabilityNote(model: ModelCurves, innerLr: number): string[] {
  const means = model.loss.mean;
  const finite = means.filter(Number.isFinite);
  const best = finite.length > 0 ? Math.min(...finite) : NaN;
  const bestAt = means.indexOf(best);
  const worst = means.findIndex((m, step) => step > bestAt && !(m <= 10 * best));
  return worst < 0
    ? []
    : [
        `Note: ${model.id}'s held-out loss at step ${worst} is more than ten times its best ` +
          `(or not finite); fine-tuning with innerLr = ${innerLr} becomes unstable after a few steps.`,
      ];
}

/** The table of a run of one learner: it and both baselines. */
function summaryLines(evaluation: Evaluation, config: ExperimentConfig, over: string): string[] {
  const last = evaluation.steps.length - 1;
  const columns = [...new Set([0, Math.min(1, last), last])];
  const names = evaluation.models.map((model) => modelLabel(config, model));
  const cell = (model: ModelCurves, step: number): string =>
    `${model.loss.mean[step]!.toFixed(3)} +- ${model.loss.ci95[step]!.toFixed(3)}`;
  const heading = (step: number): string => `${step} ${step === 1 ? 'step' : 'steps'}`;
  const line = (name: string, cells: string[]): string =>
    `${name.padEnd(nameWidth(names))} ${cells.map((c) => c.padEnd(16)).join(' ')}`.trimEnd();
  return [
    `Held-out ${evaluation.lossKind === 'mse' ? 'MSE' : 'cross-entropy'} ${over}:`,
    line('model', columns.map(heading)),
    ...evaluation.models.map((model, i) =>
      line(
        names[i]!,
        columns.map((step) => cell(model, step)),
      ),
    ),
    ...evaluation.models.flatMap((model) => instabilityNote(model, config.innerLr)),
    ...accuracyLines(evaluation, names, over),
  ];
}

/** What a table's figures are: over one seed's held-out tasks, or across several seeds. */
function overWhat(evaluation: Evaluation, seeds: number): string {
  return seeds > 1
    ? `over ${seeds} seeds, each on ${evaluation.tasks} tasks (mean of the seeds' means +- 95% interval across seeds)`
    : `over ${evaluation.tasks} tasks (mean +- 95% interval)`;
}

/**
 * The held-out table of a run: its learners against each other, or one learner against both
 * baselines; `seeds` > 1 for the summary of several seeds.
 */
export function evaluationLines(
  evaluation: Evaluation,
  config: ExperimentConfig,
  seeds = 1,
): string[] {
  const over = overWhat(evaluation, seeds);
  if (config.compare.length === 0) return summaryLines(evaluation, config, over);
  return comparisonLines(evaluation, config, seeds);
}

/**
 * The runner's table for a comparison run: every compared algorithm on the same held-out tasks,
 * before adaptation, after one step and after the last, with 95% intervals and time per iteration.
 */
import type { ExperimentConfig } from '../core/config';
import { ALGORITHM_IDS, configFor, learnerLabel } from '../core/learners/registry';
import { learnerCurves } from '../core/results/evaluation';
import type { AdaptationCurve, Evaluation, ModelCurves } from '../core/trainer';
import { pretrainScheduleText } from '../core/trainer/baselineSchedule';

/**
 * A model's name in the tables: a learner's registry label for the run's settings, a baseline's
 * id (with the pretrained baseline's schedule when it skips batches).
 */
export function modelLabel(config: ExperimentConfig, model: ModelCurves): string {
  const id = ALGORITHM_IDS.find((known) => known === model.id);
  if (model.role === 'learner' && id) return learnerLabel(configFor(config, id));
  const schedule = model.id === 'pretrained' ? pretrainScheduleText(config) : null;
  return schedule ? `${model.id} (${schedule})` : model.id;
}

function cell(curve: AdaptationCurve, step: number, percent: boolean): string {
  if (!Number.isFinite(curve.mean[step]! + curve.ci95[step]!)) return 'not finite';
  const scale = percent ? 100 : 1;
  const digits = percent ? 1 : 3;
  const unit = percent ? '%' : '';
  return `${(scale * curve.mean[step]!).toFixed(digits)}${unit} +- ${(scale * curve.ci95[step]!).toFixed(digits)}`;
}

/** A learner's time per iteration and where it stopped; nothing for a baseline. */
function tail(model: ModelCurves): string {
  if (model.role !== 'learner') return '';
  const ms = Number.isFinite(model.msPerIteration)
    ? `${model.msPerIteration.toFixed(1)} ms/it`
    : '';
  return ms + (model.divergence ? ` stopped at ${model.iteration}` : '');
}

/**
 * The comparison table; `seeds` > 1 for the summary of several seeds, whose every figure is the
 * mean of the seeds' means (each seed on its own held-out tasks) with an interval across seeds.
 */
export function comparisonLines(
  evaluation: Evaluation,
  config: ExperimentConfig,
  seeds = 1,
): string[] {
  const models = evaluation.models;
  const last = evaluation.steps.length - 1;
  const columns = [...new Set([0, Math.min(1, last), last])];
  const heading = (step: number): string => `${step} ${step === 1 ? 'step' : 'steps'}`;
  const names = models.map((model) => modelLabel(config, model));
  const width = Math.max(20, ...names.map((name) => name.length + 1));
  const row = (name: string, cells: string[], end = ''): string =>
    `${name.padEnd(width)} ${cells.map((c) => c.padEnd(20)).join(' ')} ${end}`.trimEnd();
  const rows = (percent: boolean, pick: (model: ModelCurves) => AdaptationCurve | null): string[] =>
    models.flatMap((model, i) => {
      const curve = pick(model);
      return curve
        ? [
            row(
              names[i]!,
              columns.map((s) => cell(curve, s, percent)),
              tail(model),
            ),
          ]
        : [];
    });
  const lossName = evaluation.lossKind === 'mse' ? 'MSE' : 'cross-entropy';
  const lines = [
    seeds > 1
      ? `Comparison over ${seeds} seeds, each on its own ${evaluation.tasks} held-out tasks, ${lossName} (mean of the seeds' means +- 95% interval across seeds):`
      : `Comparison on the same ${evaluation.tasks} held-out tasks, ${lossName} (mean +- 95% interval):`,
    row('algorithm', columns.map(heading)),
    ...rows(false, (model) => model.loss),
  ];
  for (const model of learnerCurves(evaluation)) {
    const blownUp = model.loss.mean.findIndex((mean) => !Number.isFinite(mean));
    if (blownUp > 0) {
      lines.push(
        `Note: ${modelLabel(config, model)}'s held-out loss is not finite from step ${blownUp}: ` +
          'fine-tuning longer than it was meta-trained for diverges (learned or fixed rates too large for that many steps).',
      );
    }
  }
  if (models.some((model) => model.accuracy)) {
    lines.push('Accuracy:', ...rows(true, (model) => model.accuracy));
  }
  return lines;
}

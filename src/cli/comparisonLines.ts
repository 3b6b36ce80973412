/**
 * The runner's table for a comparison run: every compared algorithm on the same held-out tasks,
 * before adaptation, after one step and after the last, with 95% intervals and time per iteration.
 */
import { algorithmInfo } from '../core/learners/registry';
import type { AdaptationCurve, Evaluation } from '../core/session';

function cell(curve: AdaptationCurve, step: number, percent: boolean): string {
  if (!Number.isFinite(curve.mean[step]! + curve.ci95[step]!)) return 'not finite';
  const scale = percent ? 100 : 1;
  const digits = percent ? 1 : 3;
  const unit = percent ? '%' : '';
  return `${(scale * curve.mean[step]!).toFixed(digits)}${unit} +- ${(scale * curve.ci95[step]!).toFixed(digits)}`;
}

export function comparisonLines(evaluation: Evaluation): string[] {
  const compared = evaluation.compared;
  if (!compared) return [];
  const last = evaluation.steps.length - 1;
  const columns = [...new Set([0, Math.min(1, last), last])];
  const heading = (step: number): string => `${step} ${step === 1 ? 'step' : 'steps'}`;
  const width = 20;
  const row = (name: string, cells: string[], tail = ''): string =>
    `${name.padEnd(width)} ${cells.map((c) => c.padEnd(width)).join(' ')} ${tail}`.trimEnd();
  const rows = (percent: boolean, pick: (i: number) => AdaptationCurve | null): string[] =>
    compared.flatMap((entry, i) => {
      const curve = pick(i);
      if (!curve) return [];
      const ms = Number.isFinite(entry.msPerIteration)
        ? `${entry.msPerIteration.toFixed(1)} ms/it`
        : '';
      const stopped = entry.divergence ? ` stopped at ${entry.iteration}` : '';
      return [
        row(
          algorithmInfo(entry.algorithm).name,
          columns.map((s) => cell(curve, s, percent)),
          ms + stopped,
        ),
      ];
    });
  const baselines = (percent: boolean, curves: Evaluation['accuracy']): string[] =>
    curves
      ? (['pretrained', 'scratch'] as const).map((name) =>
          row(
            name,
            columns.map((s) => cell(curves[name], s, percent)),
          ),
        )
      : [];
  const lossName = evaluation.lossKind === 'mse' ? 'MSE' : 'cross-entropy';
  const lines = [
    `Comparison on the same ${evaluation.tasks} held-out tasks, ${lossName} (mean +- 95% interval):`,
    row('algorithm', columns.map(heading)),
    ...rows(false, (i) => compared[i]!.loss),
    ...baselines(false, evaluation),
  ];
  for (const entry of compared) {
    const blownUp = entry.loss.mean.findIndex((mean) => !Number.isFinite(mean));
    if (blownUp > 0) {
      lines.push(
        `Note: ${algorithmInfo(entry.algorithm).name}'s held-out loss is not finite from step ${blownUp}: ` +
          'fine-tuning longer than it was meta-trained for diverges (learned or fixed rates too large for that many steps).',
      );
    }
  }
  if (evaluation.accuracy) {
    lines.push(
      'Accuracy:',
      ...rows(true, (i) => compared[i]!.accuracy),
      ...baselines(true, evaluation.accuracy),
    );
  }
  return lines;
}

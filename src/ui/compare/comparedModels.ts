/**
 * The models a comparison shows side by side, read from one held-out evaluation: every compared
 * algorithm, in the order the settings list them, then the pretrained and from-scratch baselines,
 * each with its name and look.
 */
import type { ExperimentConfig } from '../../core/config';
import type { AlgorithmId } from '../../core/learners/registry';
import type { AdaptationCurve, Evaluation } from '../../core/session';
import type { NamingSettings } from '../../core/learners/registry';
import { algorithmLabel } from '../charts/learner';
import { algorithmStyle, MODEL_STYLES, type AlgorithmStyle } from '../charts/palette';

export interface ComparedModel {
  /** The algorithm id, or 'pretrained' / 'scratch' for a baseline. */
  readonly key: AlgorithmId | 'pretrained' | 'scratch';
  readonly label: string;
  readonly style: AlgorithmStyle;
  readonly loss: AdaptationCurve;
  /** Classification: accuracy after each step; null for regression. */
  readonly accuracy: AdaptationCurve | null;
  /** Meta-iterations it trained (null for a baseline, which trains alongside). */
  readonly iteration: number | null;
  readonly msPerIteration: number | null;
  /** Why it stopped before the others, or null. */
  readonly divergence: string | null;
  readonly baseline: boolean;
}

function baseline(evaluation: Evaluation, key: 'pretrained' | 'scratch'): ComparedModel {
  const { label, color, dash, marker } = MODEL_STYLES[key];
  return {
    key,
    label,
    style: { color, dash, marker, hollow: false },
    loss: evaluation[key],
    accuracy: evaluation.accuracy?.[key] ?? null,
    iteration: null,
    msPerIteration: null,
    divergence: null,
    baseline: true,
  };
}

/** Every model of a comparison's evaluation; empty when the evaluation compared nothing. */
export function comparedModels(
  evaluation: Evaluation,
  naming: NamingSettings,
): readonly ComparedModel[] {
  const compared = evaluation.compared ?? [];
  if (compared.length === 0) return [];
  return [
    ...compared.map((curve): ComparedModel => ({
      key: curve.algorithm,
      label: algorithmLabel(curve.algorithm, naming),
      style: algorithmStyle(curve.algorithm),
      loss: curve.loss,
      accuracy: curve.accuracy,
      iteration: curve.iteration,
      msPerIteration: curve.msPerIteration,
      divergence: curve.divergence,
      baseline: false,
    })),
    baseline(evaluation, 'pretrained'),
    baseline(evaluation, 'scratch'),
  ];
}

/** Whether a run compares algorithms (the worker then reports each of them). */
export function isComparisonRun(config: Pick<ExperimentConfig, 'compare'>): boolean {
  return config.compare.length > 0;
}

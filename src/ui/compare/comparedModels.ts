/**
 * The models a comparison shows side by side, read from one held-out evaluation by id: every
 * compared algorithm, in the order the settings list them, then the pretrained and from-scratch
 * baselines, each with its name and look.
 */
import type { ExperimentConfig } from '../../core/config';
import {
  ALGORITHM_IDS,
  learnerLabel,
  type AlgorithmId,
  type NamingSettings,
} from '../../core/learners/registry';
import {
  baselineCurves,
  learnerCurves,
  PRETRAINED,
  SCRATCH,
  type ModelCurves,
} from '../../core/results/evaluation';
import type { AdaptationCurve, Evaluation } from '../../core/trainer';
import type { EvaluationPoint } from '../store/evaluationSlice';
import { algorithmStyle, MODEL_STYLES, type AlgorithmStyle } from '../charts/palette';

export interface ComparedModel {
  /** The algorithm id, or 'pretrained' / 'scratch' for a baseline. */
  readonly key: AlgorithmId | typeof PRETRAINED | typeof SCRATCH;
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

function baseline(evaluation: Evaluation, key: typeof PRETRAINED | typeof SCRATCH): ComparedModel {
  const { label, color, dash, marker } = MODEL_STYLES[key];
  const curves = baselineCurves(evaluation, key);
  return {
    key,
    label,
    style: { color, dash, marker, hollow: false },
    loss: curves.loss,
    accuracy: curves.accuracy,
    iteration: null,
    msPerIteration: null,
    divergence: null,
    baseline: true,
  };
}

/** The registry's algorithm a learner's id names. */
function algorithmOf(model: ModelCurves): AlgorithmId {
  const algorithm = ALGORITHM_IDS.find((id) => id === model.id);
  if (algorithm === undefined) {
    throw new Error(`No algorithm of the registry is named ${model.id}.`);
  }
  return algorithm;
}

/** Every model of a comparison's evaluation: its learners, then both baselines. */
export function comparedModels(
  evaluation: Evaluation,
  naming: NamingSettings,
): readonly ComparedModel[] {
  return [
    ...learnerCurves(evaluation).map((curves): ComparedModel => {
      const algorithm = algorithmOf(curves);
      return {
        key: algorithm,
        label: learnerLabel({ ...naming, algorithm }),
        style: algorithmStyle(algorithm),
        loss: curves.loss,
        accuracy: curves.accuracy,
        iteration: curves.iteration,
        msPerIteration: curves.msPerIteration,
        divergence: curves.divergence,
        baseline: false,
      };
    }),
    baseline(evaluation, PRETRAINED),
    baseline(evaluation, SCRATCH),
  ];
}

/**
 * The point, if it is an evaluation of this comparison: a new run keeps the last run's starting
 * evaluation until its own arrives, and that one may have compared other algorithms.
 */
export function comparisonEvaluation(
  point: EvaluationPoint | undefined,
  config: Pick<ExperimentConfig, 'compare'>,
): EvaluationPoint | null {
  if (point === undefined) return null;
  const learners = learnerCurves(point.evaluation);
  const same =
    config.compare.length > 0 &&
    learners.length === config.compare.length &&
    learners.every((learner, i) => learner.id === config.compare[i]);
  return same ? point : null;
}

/** Whether a run compares algorithms (the worker then reports each of them). */
export function isComparisonRun(config: Pick<ExperimentConfig, 'compare'>): boolean {
  return config.compare.length > 0;
}

/**
 * Learned inner rates, one per weight (Meta-SGD's alpha), start at innerLr everywhere: iteration 0
 * of such a learner is then exactly MAML's, so a comparison shows only what learning them adds.
 */
import type { ClassifierSpec } from '../classification/types';
import { classifierParameterNames, classifierShapes } from '../model/classifierParams';
import type { LayerRates } from '../results/types';
import { summarizeRates } from './rateSummary';

/** Starting rates: innerLr for every weight of every parameter tensor. */
export function initialInnerRates(spec: ClassifierSpec, innerLr: number): Float32Array[] {
  return classifierShapes(spec).map((shape) =>
    new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(innerLr),
  );
}

/** A summary of alpha per parameter tensor, named as the network names them. */
export function summarizeInnerRates(
  spec: ClassifierSpec,
  alpha: readonly Float32Array[],
): LayerRates[] {
  const names = classifierParameterNames(spec);
  return alpha.map((rates, i) => summarizeRates(names[i]!, rates));
}

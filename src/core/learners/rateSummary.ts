import type { LayerRates } from '../results/types';

/**
 * One parameter tensor's learned rates in summary. Both task families show alpha this way and
 * differ only in how they name a tensor.
 */
export function summarizeRates(name: string, rates: Float32Array): LayerRates {
  let sum = 0;
  let sumAbs = 0;
  let negative = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const r of rates) {
    sum += r;
    sumAbs += Math.abs(r);
    if (r < 0) negative += 1;
    min = Math.min(min, r);
    max = Math.max(max, r);
  }
  const count = rates.length;
  return {
    name,
    count,
    mean: sum / count,
    min,
    max,
    meanAbs: sumAbs / count,
    negative: negative / count,
  };
}

/** One or two sentences that say what a task-relations matrix shows, for everyone. */
import type { TaskRelations } from '../../core/trainer';
import { formatCount } from '../charts/format';
import { formatCosine } from './heatColor';

interface Pair {
  readonly i: number;
  readonly j: number;
  readonly value: number;
}

/** The distinct pairs (i < j) with a finite cosine. */
function pairsOf(cosine: TaskRelations['cosine']): Pair[] {
  const pairs: Pair[] = [];
  cosine.forEach((row, i) => {
    for (let j = i + 1; j < row.length; j += 1) {
      const value = row[j]!;
      if (Number.isFinite(value)) pairs.push({ i, j, value });
    }
  });
  return pairs;
}

export function relationsSummary(relations: TaskRelations, iteration: number): string {
  const { labels } = relations;
  const pairs = pairsOf(relations.cosine);
  const head = `${labels.length} tasks at iteration ${formatCount(iteration)}.`;
  if (pairs.length === 0) return `${head} No pair of tasks has a finite similarity yet.`;
  const mean = pairs.reduce((sum, p) => sum + p.value, 0) / pairs.length;
  const most = pairs.reduce((a, b) => (b.value > a.value ? b : a));
  const least = pairs.reduce((a, b) => (b.value < a.value ? b : a));
  const name = (p: Pair) => `${labels[p.i]} and ${labels[p.j]} (${formatCosine(p.value)})`;
  const opposed = pairs.filter((p) => p.value < 0).length;
  return (
    `${head} Mean similarity of different tasks ${formatCosine(mean)}; most alike ${name(most)}, ` +
    `least alike ${name(least)}. ${opposed} of ${pairs.length} pairs pull in opposed directions.`
  );
}

/**
 * Turns classification runner result files into a markdown table of held-out accuracy (and the
 * one-shot runs' error where scored), so reported numbers are printed from the results.
 *
 *   npm run results:classification -- protonet-5way1shot.json maml-5way1shot.json ...
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

interface Curve {
  mean: number[];
  ci95: number[];
}
interface Results {
  config: Record<string, string | number | boolean>;
  backend: string;
  iterations: number;
  msPerIteration: number;
  trainingSeconds: number;
  evaluationSeconds: number;
  evaluation: {
    tasks: number;
    steps: number[];
    accuracy: { maml: Curve; pretrained: Curve; scratch: Curve };
  };
  oneShotRuns: { score: { errorRate: number; ci95: number; runs: unknown[] } | null } | null;
}

const percent = (curve: Curve, step: number): string =>
  `${(100 * curve.mean[step]!).toFixed(1)} ± ${(100 * curve.ci95[step]!).toFixed(1)}`;

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write('Usage: npm run results:classification -- <results.json> ...\n');
  process.exit(2);
}
console.log(
  '| run | task | algorithm | N-way K-shot | iterations | held-out tasks | learner | pretrained | scratch | 20 one-shot runs, error | ms / iteration | wall time |',
);
console.log('| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const file of files) {
  const r = JSON.parse(readFileSync(file, 'utf8')) as Results;
  const { config: c, evaluation: e } = r;
  const last = e.steps.length - 1;
  const minutes = (r.trainingSeconds + r.evaluationSeconds) / 60;
  const score = r.oneShotRuns?.score;
  const runs = score
    ? `${(100 * score.errorRate).toFixed(1)}% ± ${(100 * score.ci95).toFixed(1)}`
    : '-';
  console.log(
    `| ${basename(file, '.json')} | ${String(c.task)} | ${String(c.algorithm)} | ${String(c.ways)}-way ${String(c.shots)}-shot | ` +
      `${r.iterations} | ${e.tasks} | ${percent(e.accuracy.maml, last)} | ${percent(e.accuracy.pretrained, last)} | ` +
      `${percent(e.accuracy.scratch, last)} | ${runs} | ${r.msPerIteration.toFixed(0)} (${r.backend}) | ${minutes.toFixed(1)} min |`,
  );
}

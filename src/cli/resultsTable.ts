/**
 * Turns runner result files into a markdown table of held-out MSE, so reported numbers are
 * printed from the results rather than copied by hand.
 *
 *   npm run results:table -- results-5.json results-10.json ...
 */
import { readFileSync } from 'node:fs';

interface Curve {
  mean: number[];
  ci95: number[];
}
interface Results {
  config: { shots: number; query: number; iterations: number; seed: number; firstOrder: boolean };
  backend: string;
  iterations: number;
  msPerIteration: number;
  trainingSeconds: number;
  evaluationSeconds: number;
  evaluation: { tasks: number; steps: number[]; maml: Curve; pretrained: Curve; scratch: Curve };
}

const cell = (curve: Curve, step: number): string =>
  `${curve.mean[step]!.toFixed(3)} ± ${curve.ci95[step]!.toFixed(3)}`;

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write('Usage: npm run results:table -- <results.json> ...\n');
  process.exit(2);
}
console.log(
  '| K (shots) | iterations | held-out tasks | MAML, 1 step | MAML, 10 steps | pretrained, 1 step | pretrained, 10 steps | scratch, 1 step | scratch, 10 steps | ms / iteration | wall time |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const file of files) {
  const r = JSON.parse(readFileSync(file, 'utf8')) as Results;
  const e = r.evaluation;
  const last = e.steps.length - 1;
  const minutes = (r.trainingSeconds + r.evaluationSeconds) / 60;
  console.log(
    `| ${r.config.shots} | ${r.iterations} | ${e.tasks} | ${cell(e.maml, 1)} | ${cell(e.maml, last)} | ` +
      `${cell(e.pretrained, 1)} | ${cell(e.pretrained, last)} | ${cell(e.scratch, 1)} | ` +
      `${cell(e.scratch, last)} | ${r.msPerIteration.toFixed(2)} (${r.backend}) | ${minutes.toFixed(1)} min |`,
  );
}

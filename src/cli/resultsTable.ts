/**
 * Turns runner result files into a markdown table of held-out MSE, so reported numbers are
 * printed from the results rather than copied by hand. Files of every results format are read.
 *
 *   npm run results:table -- results-5.json results-10.json ...
 */
import { readFileSync } from 'node:fs';
import { parseJson } from '../core/config';
import { PRETRAINED, SCRATCH, baselineCurves, leadCurves } from '../core/results/evaluation';
import { parseResults, type Results } from '../core/results/resultsFile';
import type { AdaptationCurve } from '../core/results/types';

/** A results file, or the runner stops naming the file and what is wrong with it. */
function load(file: string): Results {
  const read = parseResults(readFileSync(file, 'utf8'));
  if (read.ok) return read.results;
  process.stderr.write(`${file}: ${read.message}\n`);
  process.exit(2);
}

const cell = (curve: AdaptationCurve, step: number): string =>
  `${curve.mean[step]!.toFixed(3)} ± ${curve.ci95[step]!.toFixed(3)}`;

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write('Usage: npm run results:table -- <results.json> ...\n');
  process.exit(2);
}
// Every file is read before anything is printed, so a bad one leaves no half table.
const loaded = files.map((file) => ({ file, r: load(file) }));
console.log(
  '| K (shots) | iterations | seeds | held-out tasks | MAML, 1 step | MAML, 10 steps | pretrained, 1 step | pretrained, 10 steps | scratch, 1 step | scratch, 10 steps | ms / iteration | wall time |',
);
console.log(
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
);
for (const { file, r } of loaded) {
  const e = r.evaluation;
  if (!e) {
    process.stderr.write(`${file}: the run diverged and has no evaluation; left out.\n`);
    continue;
  }
  const { shots, seeds } = parseJson(r.config).config;
  const [learner, pretrained, scratch] = [
    leadCurves(e).loss,
    baselineCurves(e, PRETRAINED).loss,
    baselineCurves(e, SCRATCH).loss,
  ];
  const last = e.steps.length - 1;
  const minutes = (r.trainingSeconds + (r.evaluationSeconds ?? 0)) / 60;
  const ms = r.msPerIteration === null ? '-' : r.msPerIteration.toFixed(2);
  console.log(
    `| ${shots} | ${r.iterations} | ${seeds} | ${e.tasks}${seeds > 1 ? ' each' : ''} | ${cell(learner, 1)} | ${cell(learner, last)} | ` +
      `${cell(pretrained, 1)} | ${cell(pretrained, last)} | ${cell(scratch, 1)} | ` +
      `${cell(scratch, last)} | ${ms} (${r.backend}) | ${minutes.toFixed(1)} min |`,
  );
}

/**
 * Turns classification runner result files into a markdown table of held-out accuracy (and the
 * one-shot runs' error where scored), so reported numbers are printed from the results. Files of
 * every results format are read.
 *
 *   npm run results:classification -- protonet-5way1shot.json maml-5way1shot.json ...
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
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

const percent = (curve: AdaptationCurve | null, step: number): string =>
  curve ? `${(100 * curve.mean[step]!).toFixed(1)} ± ${(100 * curve.ci95[step]!).toFixed(1)}` : '-';

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write('Usage: npm run results:classification -- <results.json> ...\n');
  process.exit(2);
}
// Every file is read before anything is printed, so a bad one leaves no half table.
const loaded = files.map((file) => ({ file, r: load(file) }));
console.log(
  '| run | task | algorithm | N-way K-shot | iterations | held-out tasks | learner | pretrained | scratch | 20 one-shot runs, error | ms / iteration | wall time |',
);
console.log('| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const { file, r } of loaded) {
  const e = r.evaluation;
  if (!e) {
    process.stderr.write(`${file}: the run diverged and has no evaluation; left out.\n`);
    continue;
  }
  const c = parseJson(r.config).config;
  const lead = leadCurves(e);
  const last = e.steps.length - 1;
  const minutes = (r.trainingSeconds + (r.evaluationSeconds ?? 0)) / 60;
  const ms = r.msPerIteration === null ? '-' : r.msPerIteration.toFixed(0);
  const score = r.oneShotRuns?.score;
  const runs = score
    ? `${(100 * score.errorRate).toFixed(1)}% ± ${(100 * score.ci95).toFixed(1)}`
    : '-';
  console.log(
    `| ${basename(file, '.json')} | ${c.task} | ${lead.id} | ${c.ways}-way ${c.shots}-shot | ` +
      `${r.iterations} | ${e.tasks} | ${percent(lead.accuracy, last)} | ` +
      `${percent(baselineCurves(e, PRETRAINED).accuracy, last)} | ` +
      `${percent(baselineCurves(e, SCRATCH).accuracy, last)} | ${runs} | ${ms} (${r.backend}) | ${minutes.toFixed(1)} min |`,
  );
}

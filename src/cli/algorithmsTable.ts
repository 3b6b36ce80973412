/**
 * One markdown table of held-out MSE for several algorithms on the same protocol, printed from
 * runner result files: a comparison run gives one row per compared algorithm, a single run one row
 * for its algorithm. Rows from different files must share the held-out tasks (same seed, shots and
 * evaluation settings); the table says so when they do not.
 *
 *   npm run results:algorithms -- compare.json metasgd-5.json ...
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseJson } from '../core/config';
import {
  ALGORITHM_IDS,
  algorithmInfo,
  hasInnerLoop,
  type AlgorithmId,
} from '../core/learners/registry';
import { learnerCurves } from '../core/results/evaluation';
import { parseResults, type Results } from '../core/results/resultsFile';
import type { AdaptationCurve } from '../core/results/types';

interface Row {
  name: string;
  baseline: boolean;
  innerSteps: number | null;
  iterations: number;
  curve: AdaptationCurve;
  ms: number;
  backend: string;
  file: string;
  protocol: string;
}

/** A results file, or the runner stops naming the file and what is wrong with it. */
function load(file: string): Results {
  const read = parseResults(readFileSync(file, 'utf8'));
  if (read.ok) return read.results;
  process.stderr.write(`${file}: ${read.message}\n`);
  process.exit(2);
}

/** A learner id of the registry, or undefined for one it does not know (a newer file's). */
const knownId = (id: string): AlgorithmId | undefined =>
  ALGORITHM_IDS.find((algorithm) => algorithm === id);

/** The registry's name; "(first order)" where the flag changed a second-order learner. */
function nameOf(id: string, firstOrder: boolean): string {
  const known = knownId(id);
  if (!known) return id;
  const { name, differentiatesInnerLoop } = algorithmInfo(known);
  return firstOrder && differentiatesInnerLoop ? `${name} (first order)` : name;
}

/** Training inner steps of a learner that adapts by gradient steps while it trains. */
function innerStepsOf(id: string, innerSteps: number): number | null {
  const known = knownId(id);
  return known && hasInnerLoop(known) ? innerSteps : null;
}

/** A mean with its interval; a non-finite one (a blown-up curve) says so. */
function cell(curve: AdaptationCurve, step: number): string {
  if (step >= curve.mean.length) return '';
  const mean = curve.mean[step]!;
  const ci95 = curve.ci95[step]!;
  return Number.isFinite(mean + ci95) ? `${mean.toFixed(3)} ± ${ci95.toFixed(3)}` : 'not finite';
}

function rowsOf(file: string): Row[] {
  const r = load(file);
  const e = r.evaluation;
  if (!e) return [];
  const config = parseJson(r.config).config;
  const protocol = `seed ${config.seed}, K = ${config.shots}, ${e.tasks} tasks`;
  const base = { backend: r.backend, file: basename(file), protocol };
  const learners: Row[] = learnerCurves(e).map((m) => ({
    ...base,
    baseline: false,
    name: nameOf(m.id, config.firstOrder) + (m.divergence ? ' (stopped early)' : ''),
    innerSteps: innerStepsOf(m.id, config.innerSteps),
    iterations: m.iteration,
    curve: m.loss,
    ms: m.msPerIteration,
  }));
  // The baselines' own times are left out, as in the tables published before they were measured.
  const baselines: Row[] = e.models
    .filter((m) => m.role === 'baseline')
    .map((m) => ({
      ...base,
      baseline: true,
      name: m.id,
      innerSteps: null,
      iterations: m.iteration,
      curve: m.loss,
      ms: NaN,
    }));
  return [...learners, ...baselines];
}

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write('Usage: npm run results:algorithms -- <results.json> ...\n');
  process.exit(2);
}
const all = files.flatMap(rowsOf);
// Baselines are the same in every file of one protocol: keep the first of each.
const rows = all.filter(
  (row, i) =>
    !row.baseline ||
    all.findIndex((other) => other.name === row.name && other.protocol === row.protocol) === i,
);
const protocols = [...new Set(rows.map((row) => row.protocol))];
if (protocols.length > 1) {
  process.stderr.write(`Note: these files use different protocols (${protocols.join('; ')}).\n`);
}
const last = Math.max(...rows.map((row) => row.curve.mean.length - 1));
console.log(
  `| algorithm | inner steps (training) | iterations | before adaptation | 1 step | ${last} steps | ms / iteration | file |`,
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
for (const row of rows) {
  const ms = Number.isFinite(row.ms) ? `${row.ms.toFixed(2)} (${row.backend})` : '';
  console.log(
    `| ${row.name} | ${row.innerSteps ?? ''} | ${row.iterations} | ${cell(row.curve, 0)} | ${cell(row.curve, 1)} | ` +
      `${cell(row.curve, last)} | ${ms} | ${row.file} |`,
  );
}

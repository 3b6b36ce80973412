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
import { algorithmInfo, hasInnerLoop, type AlgorithmId } from '../core/learners/registry';

interface Curve {
  mean: (number | null)[];
  ci95: (number | null)[];
}
interface Compared {
  algorithm: AlgorithmId;
  iteration: number;
  loss: Curve;
  msPerIteration: number;
  divergence: string | null;
}
interface Results {
  config: {
    algorithm: AlgorithmId;
    firstOrder: boolean;
    seed: number;
    shots: number;
    innerSteps: number;
  };
  backend: string;
  iterations: number;
  msPerIteration: number;
  evaluation: {
    tasks: number;
    steps: number[];
    maml: Curve;
    pretrained: Curve;
    scratch: Curve;
    compared: Compared[] | null;
  } | null;
}

interface Row {
  name: string;
  innerSteps: number | null;
  iterations: number;
  curve: Curve;
  ms: number;
  backend: string;
  file: string;
  protocol: string;
}

/** The registry's name; "(first order)" where the flag changed a second-order learner. */
const nameOf = (id: AlgorithmId, firstOrder: boolean): string => {
  const { name, differentiatesInnerLoop } = algorithmInfo(id);
  return firstOrder && differentiatesInnerLoop ? `${name} (first order)` : name;
};

/** A mean with its interval; JSON writes a non-finite number (a blown-up curve) as null. */
function cell(curve: Curve, step: number): string {
  if (step >= curve.mean.length) return '';
  const mean = curve.mean[step];
  const ci95 = curve.ci95[step];
  if (typeof mean !== 'number' || typeof ci95 !== 'number' || !Number.isFinite(mean + ci95)) {
    return 'not finite';
  }
  return `${mean.toFixed(3)} ± ${ci95.toFixed(3)}`;
}

function rowsOf(file: string): Row[] {
  const r = JSON.parse(readFileSync(file, 'utf8')) as Results;
  const e = r.evaluation;
  if (!e) return [];
  const protocol = `seed ${r.config.seed}, K = ${r.config.shots}, ${e.tasks} tasks`;
  const base = { backend: r.backend, file: basename(file), protocol };
  const innerSteps = r.config.innerSteps;
  const learners: Row[] = e.compared
    ? e.compared.map((c) => ({
        ...base,
        name: nameOf(c.algorithm, r.config.firstOrder) + (c.divergence ? ' (stopped early)' : ''),
        innerSteps: hasInnerLoop(c.algorithm) ? innerSteps : null,
        iterations: c.iteration,
        curve: c.loss,
        ms: c.msPerIteration,
      }))
    : [
        {
          ...base,
          name: nameOf(r.config.algorithm, r.config.firstOrder),
          innerSteps: hasInnerLoop(r.config.algorithm) ? innerSteps : null,
          iterations: r.iterations,
          curve: e.maml,
          ms: r.msPerIteration,
        },
      ];
  const baselines: Row[] = (['pretrained', 'scratch'] as const).map((name) => ({
    ...base,
    name,
    innerSteps: null,
    iterations: name === 'scratch' ? 0 : r.iterations,
    curve: e[name],
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
    (row.name !== 'pretrained' && row.name !== 'scratch') ||
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

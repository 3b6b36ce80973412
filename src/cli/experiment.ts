import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  DEFAULT_CONFIG,
  applyOverrides,
  parseLink,
  toJson,
  type ConfigProblem,
} from '../core/config';
import type { Evaluation } from '../core/session';
import { createSession } from '../core/run/createSession';
import { ClassificationSession } from '../core/session/classificationSession';
import { DatasetLibrary } from '../core/datasets/library';
import type { OneShotScore } from '../core/session/classificationInspect';
import { USAGE, nodeBackendFor, parseArgs } from './args';
import { startBackend } from './nodeBackend';
import { ProgressReporter } from './progress';
import { comparisonLines } from './comparisonLines';
import { learnerLabel } from '../core/learners/registry';

const EXIT_BAD_INPUT = 2;
const EXIT_DIVERGED = 3;

function fail(lines: string[]): never {
  for (const line of lines) process.stderr.write(`${line}\n`);
  process.exit(EXIT_BAD_INPUT);
}

/** The runner refuses bad settings instead of falling back, so it reports the issue alone. */
function describe(problems: readonly ConfigProblem[]): string[] {
  return [...problems.map((p) => `Bad setting ${p.issue}.`), 'Nothing was run.'];
}

/** Reads the --data zips; a file that is missing or not Omniglot stops the runner with the reason. */
function loadLibrary(paths: readonly string[]): DatasetLibrary {
  const library = new DatasetLibrary();
  for (const path of paths) {
    try {
      const summary = library.add(basename(path), new Uint8Array(readFileSync(path)));
      process.stderr.write(
        summary.kind === 'alphabets'
          ? `Loaded ${summary.name}: ${summary.alphabets} alphabets, ${summary.characters} characters (${summary.role}).\n`
          : `Loaded ${summary.name}: ${summary.runs} one-shot runs.\n`,
      );
    } catch (error) {
      fail([
        `--data ${path}: ${error instanceof Error ? error.message : String(error)}`,
        'Nothing was run.',
      ]);
    }
  }
  return library;
}

/** A model's row in the tables: the learner (reported as "maml" whatever it is) by its own name. */
function rowName(model: 'maml' | 'pretrained' | 'scratch', learner: string): string {
  return { maml: learner, pretrained: 'pretrained', scratch: 'scratch' }[model];
}

/** The tables' first column fits the learner's name and the baselines'. */
function nameWidth(learner: string): number {
  return Math.max(11, learner.length + 1);
}

function accuracyLines(evaluation: Evaluation, learner: string): string[] {
  const accuracy = evaluation.accuracy;
  if (!accuracy) return [];
  const last = evaluation.steps.length - 1;
  const cell = (name: keyof typeof accuracy, step: number): string =>
    `${(100 * accuracy[name].mean[step]!).toFixed(1)}% +- ${(100 * accuracy[name].ci95[step]!).toFixed(1)}`;
  return [
    `Held-out accuracy over ${evaluation.tasks} tasks (mean +- 95% interval), before and after ${last} steps:`,
    ...(['maml', 'pretrained', 'scratch'] as const).map(
      (name) =>
        `${rowName(name, learner).padEnd(nameWidth(learner))} ${cell(name, 0).padEnd(18)} ${cell(name, last)}`,
    ),
  ];
}

function oneShotLines(score: OneShotScore): string[] {
  return [
    `20-way one-shot runs (Lake et al. 2015): error ${(100 * score.errorRate).toFixed(1)}% +- ${(100 * score.ci95).toFixed(1)} over ${score.runs.length} runs` +
      (score.steps > 0 ? ` after ${score.steps} fine-tuning steps` : ''),
  ];
}

function summaryLines(evaluation: Evaluation, innerLr: number, learner: string): string[] {
  const last = evaluation.steps.length - 1;
  const columns = [...new Set([0, Math.min(1, last), last])];
  const cell = (curve: Evaluation['maml'], step: number): string =>
    `${curve.mean[step]!.toFixed(3)} +- ${curve.ci95[step]!.toFixed(3)}`;
  // A curve that climbs far above its best point (or overflows) means fine-tuning diverged there.
  const warnings = (['maml', 'pretrained', 'scratch'] as const).flatMap((name) => {
    const means = evaluation[name].mean;
    const finite = means.filter(Number.isFinite);
    const best = finite.length > 0 ? Math.min(...finite) : NaN;
    const bestAt = means.indexOf(best);
    const worst = means.findIndex((m, step) => step > bestAt && !(m <= 10 * best));
    return worst < 0
      ? []
      : [
          `Note: ${name}'s held-out loss at step ${worst} is more than ten times its best ` +
            `(or not finite); fine-tuning with innerLr = ${innerLr} becomes unstable after a few steps.`,
        ];
  });
  const heading = (step: number): string => `${step} ${step === 1 ? 'step' : 'steps'}`;
  const line = (name: string, cells: string[]): string =>
    `${name.padEnd(nameWidth(learner))} ${cells.map((c) => c.padEnd(16)).join(' ')}`.trimEnd();
  return [
    `Held-out ${evaluation.lossKind === 'mse' ? 'MSE' : 'cross-entropy'} over ${evaluation.tasks} tasks (mean +- 95% interval):`,
    line('model', columns.map(heading)),
    ...(['maml', 'pretrained', 'scratch'] as const).map((name) =>
      line(
        rowName(name, learner),
        columns.map((step) => cell(evaluation[name], step)),
      ),
    ),
    ...warnings,
    ...accuracyLines(evaluation, learner),
  ];
}

async function main(): Promise<void> {
  const parsed = parseArgs(process.argv.slice(2));
  if (!parsed.ok) fail([parsed.message, '', USAGE]);
  const { args } = parsed;
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const fromUrl =
    args.url === null ? { config: DEFAULT_CONFIG, problems: [] } : parseLink(args.url);
  const withSets = applyOverrides(fromUrl.config, args.sets);
  const problems = [...fromUrl.problems, ...withSets.problems];
  if (problems.length > 0) fail(describe(problems));
  const config = withSets.config;

  const requested = args.backend ?? nodeBackendFor(config.backend);
  if (requested === null) {
    process.stderr.write(
      `The ${config.backend} backend needs a browser; running on wasm instead (--backend chooses).\n`,
    );
  }
  const library = loadLibrary(args.data);
  const backend = await startBackend(requested ?? 'wasm');
  process.stderr.write(`Backend: ${backend}\n`);
  let session;
  try {
    session = createSession(config, library);
  } catch (error) {
    fail([error instanceof Error ? error.message : String(error), 'Nothing was run.']);
  }
  const metaTrainLoss: number[] = [];
  const metaTrainAccuracy: number[] = [];
  const progress = new ProgressReporter(config.iterations);
  const started = performance.now();
  while (session.iteration < config.iterations) {
    const result = await session.step();
    if (!result.ok) break;
    metaTrainLoss.push(result.metrics.metaTrainLoss);
    if (!Number.isNaN(result.metrics.metaTrainAccuracy))
      metaTrainAccuracy.push(result.metrics.metaTrainAccuracy);
    progress.update(result.metrics.iteration, result.metrics.metaTrainLoss);
  }
  progress.finish();
  const trainingMs = performance.now() - started;
  const divergence = session.divergence;
  if (divergence) process.stderr.write(`${divergence.message}\n`);

  const evaluationStarted = performance.now();
  const evaluation = divergence ? null : await session.evaluate();
  const evaluationMs = performance.now() - evaluationStarted;
  if (evaluation?.compared) process.stderr.write(`${comparisonLines(evaluation).join('\n')}\n`);
  else if (evaluation)
    process.stderr.write(
      `${summaryLines(evaluation, config.innerLr, learnerLabel(config)).join('\n')}\n`,
    );

  const runsArchive = library.oneShotRuns(config.imageSize);
  let oneShotRuns: { score: OneShotScore | null; problem: string | null; seconds: number } | null =
    null;
  if (runsArchive && session instanceof ClassificationSession && !divergence) {
    const scoringStarted = performance.now();
    const result = await session.scoreOneShotRuns(runsArchive);
    oneShotRuns = { ...result, seconds: (performance.now() - scoringStarted) / 1000 };
    process.stderr.write(
      `${result.score ? oneShotLines(result.score).join('\n') : `Note: ${result.problem}`}\n`,
    );
  }

  const results = {
    config: toJson(config),
    backend,
    iterations: session.iteration,
    msPerIteration: session.iteration > 0 ? trainingMs / session.iteration : null,
    trainingSeconds: trainingMs / 1000,
    evaluationSeconds: evaluation ? evaluationMs / 1000 : null,
    divergence,
    metaTrainLoss,
    metaTrainAccuracy,
    evaluation,
    oneShotRuns,
    data: args.data.length > 0 ? library.summary() : null,
    // The meta-learned initialisation, [W1, b1, W2, b2, ...] row-major, to re-evaluate or inspect.
    parameters: session.parameters.map((values) => Array.from(values)),
  };
  const text = JSON.stringify(results);
  if (args.out) {
    writeFileSync(args.out, `${text}\n`);
    process.stderr.write(`Results written to ${args.out}\n`);
  } else {
    process.stdout.write(`${text}\n`);
  }
  if (divergence) process.exitCode = EXIT_DIVERGED;
}

await main();

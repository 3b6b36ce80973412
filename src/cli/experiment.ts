import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  DEFAULT_CONFIG,
  applyOverrides,
  parseLink,
  toJson,
  type ConfigProblem,
  type ExperimentConfig,
} from '../core/config';
import type { Evaluation, ModelCurves, Trainer } from '../core/trainer';
import { createTrainer, restoreTrainer } from '../core/trainer/createTrainer';
import { isClassificationLearner } from '../core/trainer/classification/learner';
import { DatasetLibrary } from '../core/datasets/library';
import type { OneShotScore } from '../core/trainer/classification/inspectTypes';
import { RESULTS_FORMAT, type OneShotRunsResult, type Results } from '../core/results/resultsFile';
import { USAGE, nodeBackendFor, parseArgs } from './args';
import { startBackend } from './nodeBackend';
import { ProgressReporter } from './progress';
import { comparisonLines, modelLabel } from './comparisonLines';
import { loadCheckpoint, saveCheckpoint } from './checkpoints';
import { unwritable, writeKeeping } from './outputFiles';
import { openingLinkText } from '../core/lessons/lessonParam';
import { trainingHistory } from '../core/trainer/history';
import { describeOutOfMemory, firstLine, isOutOfMemory } from '../core/trainer/outOfMemory';
import { checkBudget, describeCost, reductionLines } from '../core/bench/costBudget';

const EXIT_BAD_INPUT = 2;
const EXIT_DIVERGED = 3;
const EXIT_OUT_OF_MEMORY = 4;
const EXIT_FAILED = 5;

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

/** The tables' first column fits every model's name. */
function nameWidth(names: readonly string[]): number {
  return Math.max(11, ...names.map((name) => name.length + 1));
}

function accuracyLines(evaluation: Evaluation, names: readonly string[]): string[] {
  if (evaluation.models.some((model) => !model.accuracy)) return [];
  const last = evaluation.steps.length - 1;
  const cell = (model: ModelCurves, step: number): string =>
    `${(100 * model.accuracy!.mean[step]!).toFixed(1)}% +- ${(100 * model.accuracy!.ci95[step]!).toFixed(1)}`;
  return [
    `Held-out accuracy over ${evaluation.tasks} tasks (mean +- 95% interval), before and after ${last} steps:`,
    ...evaluation.models.map(
      (model, i) =>
        `${names[i]!.padEnd(nameWidth(names))} ${cell(model, 0).padEnd(18)} ${cell(model, last)}`,
    ),
  ];
}

function oneShotLines(score: OneShotScore): string[] {
  return [
    `20-way one-shot runs (Lake et al. 2015): error ${(100 * score.errorRate).toFixed(1)}% +- ${(100 * score.ci95).toFixed(1)} over ${score.runs.length} runs` +
      (score.steps > 0 ? ` after ${score.steps} fine-tuning steps` : ''),
  ];
}

/** A curve that climbs far above its best point (or overflows) means fine-tuning diverged there. */
function instabilityNote(model: ModelCurves, innerLr: number): string[] {
  const means = model.loss.mean;
  const finite = means.filter(Number.isFinite);
  const best = finite.length > 0 ? Math.min(...finite) : NaN;
  const bestAt = means.indexOf(best);
  const worst = means.findIndex((m, step) => step > bestAt && !(m <= 10 * best));
  return worst < 0
    ? []
    : [
        `Note: ${model.id}'s held-out loss at step ${worst} is more than ten times its best ` +
          `(or not finite); fine-tuning with innerLr = ${innerLr} becomes unstable after a few steps.`,
      ];
}

/** The table of a run of one learner: it and both baselines. */
function summaryLines(evaluation: Evaluation, config: ExperimentConfig): string[] {
  const last = evaluation.steps.length - 1;
  const columns = [...new Set([0, Math.min(1, last), last])];
  const names = evaluation.models.map((model) => modelLabel(config, model));
  const cell = (model: ModelCurves, step: number): string =>
    `${model.loss.mean[step]!.toFixed(3)} +- ${model.loss.ci95[step]!.toFixed(3)}`;
  const heading = (step: number): string => `${step} ${step === 1 ? 'step' : 'steps'}`;
  const line = (name: string, cells: string[]): string =>
    `${name.padEnd(nameWidth(names))} ${cells.map((c) => c.padEnd(16)).join(' ')}`.trimEnd();
  return [
    `Held-out ${evaluation.lossKind === 'mse' ? 'MSE' : 'cross-entropy'} over ${evaluation.tasks} tasks (mean +- 95% interval):`,
    line('model', columns.map(heading)),
    ...evaluation.models.map((model, i) =>
      line(
        names[i]!,
        columns.map((step) => cell(model, step)),
      ),
    ),
    ...evaluation.models.flatMap((model) => instabilityNote(model, config.innerLr)),
    ...accuracyLines(evaluation, names),
  ];
}

/** The first learner's error on the 20 one-shot runs, where the data has them and it classifies. */
async function scoreOneShotRuns(
  trainer: Trainer,
  library: DatasetLibrary,
): Promise<OneShotRunsResult | null> {
  const archive = library.oneShotRuns(trainer.config.imageSize);
  const { model, values } = trainer.lead;
  if (!archive || !isClassificationLearner(model)) return null;
  const started = performance.now();
  const result = await model.scoreOneShotRuns(values, archive);
  process.stderr.write(
    `${result.score ? oneShotLines(result.score).join('\n') : `Note: ${result.problem}`}\n`,
  );
  return { ...result, seconds: (performance.now() - started) / 1000 };
}

async function main(): Promise<void> {
  const parsed = parseArgs(process.argv.slice(2));
  if (!parsed.ok) fail([parsed.message, '', USAGE]);
  const { args } = parsed;
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  // Where the results and checkpoints go is checked now, while nothing is lost yet.
  const outputs = [
    ['--out', args.out],
    ['--save', args.save],
    ['--save-state', args.saveState],
  ] as const;
  const unwritableOutputs = outputs.flatMap(([flag, path]) => {
    const problem = path === null ? null : unwritable(flag, path);
    return problem === null ? [] : [problem];
  });
  if (unwritableOutputs.length > 0) fail([...unwritableOutputs, 'Nothing was run.']);
  const resumed = args.resume === null ? null : loadCheckpoint(args, args.resume);
  if (resumed && !resumed.ok) fail([...resumed.lines, 'Nothing was run.']);
  const fromUrl =
    args.url === null
      ? { config: DEFAULT_CONFIG, problems: [] }
      : parseLink(openingLinkText(args.url));
  const withSets = applyOverrides(fromUrl.config, args.sets);
  const problems = resumed ? [] : [...fromUrl.problems, ...withSets.problems];
  if (problems.length > 0) fail(describe(problems));
  const config = resumed?.config ?? withSets.config;
  const budget = checkBudget(config);
  process.stderr.write(`Estimated cost: ${describeCost(budget.estimate)}.\n`);
  if (budget.over.length > 0 && !args.force) {
    fail([
      `This run is over the budget. ${budget.over.join(' ')}`,
      ...(budget.reductions.length > 0
        ? [
            'Lowering these helps most (the estimate with each at its default):',
            ...reductionLines(budget).map((line) => `  ${line}`),
          ]
        : []),
      'Nothing was run; --force runs it anyway.',
    ]);
  }

  const requested = args.backend ?? nodeBackendFor(config.backend);
  if (requested === null) {
    process.stderr.write(
      `The ${config.backend} backend needs a browser; running on wasm instead (--backend chooses).\n`,
    );
  }
  const library = loadLibrary(args.data);
  const backend = await startBackend(requested ?? 'wasm');
  process.stderr.write(`Backend: ${backend}\n`);
  let trainer: Trainer;
  try {
    trainer = resumed ? restoreTrainer(resumed.snapshot, library) : createTrainer(config, library);
  } catch (error) {
    if (isOutOfMemory(error)) {
      process.stderr.write(`${runFailure(error, config, 0, backend).message} Nothing was run.\n`);
      process.exit(EXIT_OUT_OF_MEMORY);
    }
    fail([error instanceof Error ? error.message : String(error), 'Nothing was run.']);
  }
  const metaTrainLoss: number[] = [];
  const metaTrainAccuracy: number[] = [];
  const comparedLoss: number[][] = [];
  const progress = new ProgressReporter(config.iterations);
  const started = performance.now();
  let failure: Results['failure'] = null;
  try {
    while (trainer.iteration < config.iterations) {
      // Each task's loss before adapting is for the page's per-task view: not computed here.
      const result = await trainer.step({ taskDetail: false });
      if (!result.ok) break;
      metaTrainLoss.push(result.metrics.metaTrainLoss);
      if (!Number.isNaN(result.metrics.metaTrainAccuracy))
        metaTrainAccuracy.push(result.metrics.metaTrainAccuracy);
      result.metrics.comparedLoss?.forEach((loss, i) => (comparedLoss[i] ??= []).push(loss));
      progress.update(result.metrics.iteration, result.metrics.metaTrainLoss);
    }
  } catch (error) {
    failure = runFailure(error, config, trainer.iteration, backend);
  }
  progress.finish();
  const trainingMs = performance.now() - started;
  if (args.save !== null) {
    const problem = saveCheckpoint(trainer, args.save);
    process.stderr.write(`${problem ?? `Checkpoint written to ${args.save}`}\n`);
    if (problem) process.exitCode = 2;
  }
  // A resumed run's curves start where it resumed: only a run from iteration 0 has its history.
  if (args.saveState !== null) {
    const history = resumed
      ? undefined
      : trainingHistory({ metaTrainLoss, metaTrainAccuracy, comparedLoss });
    const problem = saveCheckpoint(trainer, args.saveState, { lean: true, history });
    process.stderr.write(`${problem ?? `Starting state written to ${args.saveState}`}\n`);
    if (problem) process.exitCode = 2;
  }
  const divergence = trainer.divergence;
  if (divergence) process.stderr.write(`${divergence.message}\n`);

  const evaluationStarted = performance.now();
  let evaluation: Evaluation | null = null;
  if (!divergence && !failure) {
    try {
      evaluation = await trainer.evaluate();
    } catch (error) {
      failure = runFailure(error, config, trainer.iteration, backend);
    }
  }
  const evaluationMs = performance.now() - evaluationStarted;
  if (failure) process.stderr.write(`${failure.message}\n`);
  if (evaluation) {
    const lines =
      config.compare.length > 0
        ? comparisonLines(evaluation, config)
        : summaryLines(evaluation, config);
    process.stderr.write(`${lines.join('\n')}\n`);
  }
  const oneShotRuns = divergence || failure ? null : await scoreOneShotRuns(trainer, library);

  const results: Results = {
    format: RESULTS_FORMAT,
    config: toJson(config),
    backend,
    iterations: trainer.iteration,
    msPerIteration: trainer.iteration > 0 ? trainingMs / trainer.iteration : null,
    trainingSeconds: trainingMs / 1000,
    evaluationSeconds: evaluation ? evaluationMs / 1000 : null,
    divergence,
    failure,
    metaTrainLoss,
    metaTrainAccuracy,
    evaluation,
    oneShotRuns,
    data: args.data.length > 0 ? library.summary() : null,
    // The first learner's network, [W1, b1, W2, b2, ...] row-major, to re-evaluate or inspect.
    parameters: trainer.parameters.map((values) => Array.from(values)),
  };
  const text = JSON.stringify(results);
  if (args.out) {
    const outcome = writeKeeping('--out', args.out, `${text}\n`);
    process.stderr.write(
      `${outcome.written ? `Results written to ${args.out}` : outcome.message}\n`,
    );
    if (!outcome.written) process.exitCode = EXIT_BAD_INPUT;
  } else {
    process.stdout.write(`${text}\n`);
  }
  if (divergence) process.exitCode = EXIT_DIVERGED;
  if (failure) process.exitCode = failure.outOfMemory ? EXIT_OUT_OF_MEMORY : EXIT_FAILED;
}

/** A run stopped by an error: out of memory named as that, anything else in one line. */
function runFailure(
  error: unknown,
  config: ExperimentConfig,
  iteration: number,
  backend: string,
): NonNullable<Results['failure']> {
  const outOfMemory = isOutOfMemory(error);
  const reason = error instanceof Error ? error.message : String(error);
  const message = outOfMemory
    ? describeOutOfMemory(config, iteration, backend, error)
    : `Training stopped at iteration ${iteration + 1}: ${firstLine(reason)}`;
  return { iteration, message, outOfMemory };
}

// An error that escapes everything above ends the run with one line and a documented code; the
// WASM module's own handlers would otherwise print a stack trace and exit with code 7.
await main().catch((error: unknown) => {
  const reason = firstLine(error instanceof Error ? error.message : String(error));
  process.stderr.write(
    isOutOfMemory(error) ? `Out of memory: ${reason}\n` : `The runner failed: ${reason}\n`,
  );
  process.exit(isOutOfMemory(error) ? EXIT_OUT_OF_MEMORY : EXIT_FAILED);
});

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
import type { Trainer } from '../core/trainer';
import { createTrainer, restoreTrainer } from '../core/trainer/createTrainer';
import { CurveRecorder } from '../core/trainer/curveRecorder';
import { isClassificationLearner } from '../core/trainer/classification/learner';
import { DatasetLibrary } from '../core/datasets/library';
import { RESULTS_FORMAT, type OneShotRunsResult, type Results } from '../core/results/resultsFile';
import { USAGE, nodeBackendFor, parseArgs, type RunnerArgs } from './args';
import { startBackend } from './nodeBackend';
import { evaluationLines, oneShotLines } from './summaryLines';
import { evaluateSeed, runFailure, trainSeed } from './seedRun';
import { loadCheckpoint, saveCheckpoint, type Loaded } from './checkpoints';
import { runSeveralSeeds, type SeveralSeeds } from './severalSeeds';
import { unwritable, writeKeeping } from './outputFiles';
import { exportPyTorch } from './pytorchExport';
import { openingLinkText } from '../core/lessons/lessonParam';
import { trainingHistory } from '../core/trainer/history';
import { firstLine, isOutOfMemory } from '../core/trainer/outOfMemory';
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
  if (args.exportPytorch !== null) {
    const exported = exportPyTorch(config, args.exportPytorch);
    if (!exported.ok) fail([...exported.lines, 'Nothing was written.']);
    process.stderr.write(`${exported.lines.join('\n')}\n`);
    return;
  }
  if (config.seeds > 1 && (args.save ?? args.saveState ?? args.resume) !== null) {
    fail([
      `--save, --save-state and --resume keep one seed's run; this one has seeds=${config.seeds}. Set seeds=1, or run each seed with its own --set seed=N.`,
      'Nothing was run.',
    ]);
  }
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
  const run =
    config.seeds > 1
      ? await runSeveralSeeds(config, library, backend)
      : await runOneSeed(args, config, resumed, library, backend);
  writeResults(args.out, run.results);
  if (run.diverged) process.exitCode = EXIT_DIVERGED;
  if (run.failed) process.exitCode = run.failed.outOfMemory ? EXIT_OUT_OF_MEMORY : EXIT_FAILED;
}

/** The results as JSON, to --out or else to stdout. */
function writeResults(out: string | null, results: Results): void {
  const text = JSON.stringify(results);
  if (out) {
    const outcome = writeKeeping('--out', out, `${text}\n`);
    process.stderr.write(`${outcome.written ? `Results written to ${out}` : outcome.message}\n`);
    if (!outcome.written) process.exitCode = EXIT_BAD_INPUT;
  } else {
    process.stdout.write(`${text}\n`);
  }
}

/** A run of one seed: from the settings or a checkpoint, with the checkpoints asked for. */
async function runOneSeed(
  args: RunnerArgs,
  config: ExperimentConfig,
  resumed: Extract<Loaded, { ok: true }> | null,
  library: DatasetLibrary,
  backend: string,
): Promise<SeveralSeeds> {
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
  // A checkpoint carries the exact curves from iteration 1, or from where a resumed one had none.
  const curves = new CurveRecorder();
  curves.restart(trainer.iteration, resumed?.curves ?? null);
  const trained = await trainSeed(trainer, config, backend, curves);
  const { metaTrainLoss, metaTrainAccuracy, comparedLoss, trainingMs } = trained;
  if (args.save !== null) {
    const problem = saveCheckpoint(trainer, args.save, { curves: curves.current() });
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
  const { evaluation, evaluationMs, divergence, failure } = await evaluateSeed(
    trainer,
    trained,
    backend,
  );
  if (evaluation) process.stderr.write(`${evaluationLines(evaluation, config).join('\n')}\n`);
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
    seedRuns: [],
  };
  return {
    results,
    diverged: divergence !== null,
    failed: failure ? { outOfMemory: failure.outOfMemory } : null,
  };
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

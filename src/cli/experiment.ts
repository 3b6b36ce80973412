import { writeFileSync } from 'node:fs';
import {
  DEFAULT_CONFIG,
  applyOverrides,
  parseQuery,
  toJson,
  type ConfigProblem,
} from '../core/config';
import { TrainingSession, type Evaluation } from '../core/session';
import { USAGE, nodeBackendFor, parseArgs } from './args';
import { startBackend } from './nodeBackend';
import { ProgressReporter } from './progress';

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

function summaryLines(evaluation: Evaluation, innerLr: number): string[] {
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
    `${name.padEnd(11)} ${cells.map((c) => c.padEnd(16)).join(' ')}`.trimEnd();
  return [
    `Held-out MSE over ${evaluation.tasks} tasks (mean +- 95% interval):`,
    line('model', columns.map(heading)),
    ...(['maml', 'pretrained', 'scratch'] as const).map((name) =>
      line(
        name,
        columns.map((step) => cell(evaluation[name], step)),
      ),
    ),
    ...warnings,
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
    args.url === null ? { config: DEFAULT_CONFIG, problems: [] } : parseQuery(args.url);
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
  const backend = await startBackend(requested ?? 'wasm');
  process.stderr.write(`Backend: ${backend}\n`);
  const session = new TrainingSession(config);
  const metaTrainLoss: number[] = [];
  const progress = new ProgressReporter(config.iterations);
  const started = performance.now();
  while (session.iteration < config.iterations) {
    const result = await session.step();
    if (!result.ok) break;
    metaTrainLoss.push(result.metrics.metaTrainLoss);
    progress.update(result.metrics.iteration, result.metrics.metaTrainLoss);
  }
  progress.finish();
  const trainingMs = performance.now() - started;
  const divergence = session.divergence;
  if (divergence) process.stderr.write(`${divergence.message}\n`);

  const evaluationStarted = performance.now();
  const evaluation = divergence ? null : await session.evaluate();
  const evaluationMs = performance.now() - evaluationStarted;
  if (evaluation) process.stderr.write(`${summaryLines(evaluation, config.innerLr).join('\n')}\n`);

  const results = {
    config: toJson(config),
    backend,
    iterations: session.iteration,
    msPerIteration: session.iteration > 0 ? trainingMs / session.iteration : null,
    trainingSeconds: trainingMs / 1000,
    evaluationSeconds: evaluation ? evaluationMs / 1000 : null,
    divergence,
    metaTrainLoss,
    evaluation,
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

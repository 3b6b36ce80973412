/**
 * Test-side helpers for the classification parts of the page: choose files for the Omniglot data
 * panel, wait for things the page shows, and read the store's evaluations, data and task view
 * through window.playground, as a researcher could from devtools.
 */
import type { Locator, Page } from 'playwright-core';
import {
  PRETRAINED,
  SCRATCH,
  baselineCurves,
  leadCurves,
  type Evaluation,
} from '../../src/core/results/evaluation';
import { openView } from './chartsPage';
import { waitUntil } from './playgroundPage';

interface CurveView {
  readonly mean: number[];
  readonly ci95: number[];
}

/** Accuracy of the run's (first) learner and of both baselines. */
interface CurvesView {
  readonly learner: CurveView;
  readonly pretrained: CurveView;
  readonly scratch: CurveView;
}

export interface EvaluationView {
  readonly iteration: number;
  readonly tasks: number;
  readonly steps: number[];
  readonly lossKind: string;
  readonly accuracy: CurvesView | null;
}

export interface ClassificationView {
  readonly runId: number | null;
  readonly state: string;
  readonly iteration: number;
  readonly accuracyPoints: number;
  readonly evaluations: EvaluationView[];
  readonly data: {
    readonly ready: boolean;
    readonly oneShotRuns: boolean;
    readonly archives: readonly { name: string; role: string }[];
    readonly pending: number;
    /** The file the worker refused last, if any. */
    readonly problem: string | null;
  };
  readonly shownTask: { task: number; iteration: number } | null;
}

interface PageGlobals {
  playground?: {
    store: {
      getState(): {
        run: { runId: number | null; state: string; iteration: number };
        series: { metaTrainAccuracy: { values: Float32Array } };
        evaluations: { points: { iteration: number; evaluation: Evaluation }[] };
        data: {
          summary: ClassificationView['data'] & { archives: { name: string; role: string }[] };
          pending: unknown[];
          problem: { name: string } | null;
        };
        inspect: { shown: { task: number; iteration: number } | null };
      };
    };
  };
}

/** Each model's accuracy, read by id; null when the evaluation has none (regression). */
function accuracyOf(evaluation: Evaluation): CurvesView | null {
  const learner = leadCurves(evaluation).accuracy;
  const pretrained = baselineCurves(evaluation, PRETRAINED).accuracy;
  const scratch = baselineCurves(evaluation, SCRATCH).accuracy;
  if (learner === null || pretrained === null || scratch === null) return null;
  return { learner, pretrained, scratch };
}

/** The run, its accuracy series and evaluations, the loaded data and the task shown. */
export async function readClassification(page: Page): Promise<ClassificationView> {
  const view = await page.evaluate(() => {
    const api = (globalThis as unknown as PageGlobals).playground;
    if (!api) throw new Error('window.playground is missing');
    const { run, series, evaluations, data, inspect } = api.store.getState();
    return {
      runId: run.runId,
      state: run.state,
      iteration: run.iteration,
      accuracyPoints: series.metaTrainAccuracy.values.length,
      evaluations: evaluations.points.map(({ iteration, evaluation }) => ({
        iteration,
        evaluation,
      })),
      data: {
        ready: data.summary.ready,
        oneShotRuns: data.summary.oneShotRuns,
        archives: data.summary.archives.map(({ name, role }) => ({ name, role })),
        pending: data.pending.length,
        problem: data.problem?.name ?? null,
      },
      shownTask:
        inspect.shown === null
          ? null
          : { task: inspect.shown.task, iteration: inspect.shown.iteration },
    };
  });
  return {
    ...view,
    evaluations: view.evaluations.map(({ iteration, evaluation }) => ({
      iteration,
      tasks: evaluation.tasks,
      steps: evaluation.steps,
      lossKind: evaluation.lossKind,
      accuracy: accuracyOf(evaluation),
    })),
  };
}

/** The file input of the Omniglot data panel, found by its label. */
export function zipInput(page: Page): Locator {
  return page.getByLabel('Omniglot zip files', { exact: true });
}

/**
 * Chooses files in the data panel as a user would, and waits until the worker has read them. The
 * panel is on the stage while a run waits for images, and in the "Omniglot data" view once it has
 * them.
 */
export async function chooseFiles(
  page: Page,
  files: readonly { name: string; bytes: Uint8Array; mimeType?: string }[],
  timeout = 60_000,
): Promise<ClassificationView> {
  if ((await zipInput(page).count()) === 0) await openView(page, 'Omniglot data');
  await zipInput(page).setInputFiles(
    files.map(({ name, bytes, mimeType }) => ({
      name,
      mimeType: mimeType ?? 'application/zip',
      buffer: Buffer.from(bytes),
    })),
  );
  // Each file is answered by joining the summary or by a problem that names it.
  const names = files.map((file) => file.name);
  return waitUntil(
    () => readClassification(page),
    (view) =>
      view.data.pending === 0 &&
      names.every(
        (name) =>
          view.data.problem === name || view.data.archives.some((archive) => archive.name === name),
      ),
    timeout,
    'the worker to read the chosen files',
  );
}

export function chart(page: Page, name: string): Locator {
  return page.locator(`figure[data-chart="${name}"]`);
}

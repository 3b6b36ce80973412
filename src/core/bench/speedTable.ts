import type { ExperimentConfig } from '../config';
import { isClassification } from '../families/registry';
import { TASK_LOOP, type SpeedRow } from './metaIterationSpeed';

/** One line naming what was measured, e.g. "1-40-40-1 relu, meta-batch 25, 10-shot, ...". */
export function describeConfig(config: ExperimentConfig): string {
  const order = `${config.innerSteps} inner step(s), ${config.firstOrder ? 'first' : 'second'} order`;
  const learners = config.compare.length > 0 ? config.compare.join(' vs ') : config.algorithm;
  if (isClassification(config)) {
    return (
      `${learners}, ${config.task} ${config.ways}-way ${config.shots}-shot, ${config.query} ` +
      `queries per class, ${config.filters} filters, ${config.imageSize} px, meta-batch ` +
      `${config.metaBatch}, ${order}`
    );
  }
  const network = config.hidden.length > 0 ? `1-${config.hidden.join('-')}-1` : '1-1 (linear)';
  return (
    `${learners}, ${network} ${config.activation}, meta-batch ${config.metaBatch}, ` +
    `${config.shots}-shot, ${config.query} query, ${order}`
  );
}

/** A markdown table of speed rows, one block of rows per backend. */
export function speedTable(
  results: readonly { backend: string; rows: readonly SpeedRow[]; speedUps: readonly number[] }[],
): string {
  const lines = [
    '| backend | what | median ms / meta-iteration | IQR | iterations measured | kernels / meta-iteration | vs per-task loop |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const { backend, rows, speedUps } of results) {
    rows.forEach((row, i) => {
      const shared = row.engine.startsWith('of which');
      const ratio =
        row.engine === TASK_LOOP ? '(reference)' : shared ? '' : ratioText(speedUps[i]!);
      const iqr = shared ? 'mean' : `${row.spread.q1.toFixed(2)}-${row.spread.q3.toFixed(2)}`;
      lines.push(
        `| ${backend} | ${row.engine} | ${row.msPerIteration.toFixed(2)} | ${iqr} | ` +
          `${row.iterationsMeasured} | ${row.kernelsPerIteration ?? ''} | ${ratio} |`,
      );
    });
  }
  return lines.join('\n');
}

function ratioText(speedUp: number): string {
  return Number.isFinite(speedUp) ? `${speedUp.toFixed(1)}x faster` : '';
}

/** How many times faster than the per-task loop each row is (NaN without that row). */
export function speedUps(rows: readonly SpeedRow[]): number[] {
  const loop = rows.find((row) => row.engine === TASK_LOOP)?.msPerIteration ?? NaN;
  return rows.map((row) => loop / row.msPerIteration);
}

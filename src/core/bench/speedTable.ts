import type { ExperimentConfig } from '../config';
import type { SpeedRow } from './metaIterationSpeed';

/** One line naming what was measured, e.g. "1-40-40-1 relu, meta-batch 25, 10-shot, ...". */
export function describeConfig(config: ExperimentConfig): string {
  const network = config.hidden.length > 0 ? `1-${config.hidden.join('-')}-1` : '1-1 (linear)';
  return (
    `${network} ${config.activation}, meta-batch ${config.metaBatch}, ${config.shots}-shot, ` +
    `${config.query} query, ${config.innerSteps} inner step(s), ` +
    `${config.firstOrder ? 'first' : 'second'} order`
  );
}

/** A markdown table of speed rows, one block of rows per backend. */
export function speedTable(
  results: readonly { backend: string; rows: readonly SpeedRow[]; speedUps: readonly number[] }[],
): string {
  const lines = [
    '| backend | engine | median ms / meta-iteration | iterations measured | kernels / meta-iteration | vs per-task loop |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
  ];
  for (const { backend, rows, speedUps } of results) {
    rows.forEach((row, i) => {
      const ratio =
        row.engine === 'per-task loop' ? '(reference)' : `${speedUps[i]!.toFixed(1)}x faster`;
      lines.push(
        `| ${backend} | ${row.engine} | ${row.msPerIteration.toFixed(2)} | ` +
          `${row.iterationsMeasured} | ${row.kernelsPerIteration} | ${ratio} |`,
      );
    });
  }
  return lines.join('\n');
}

/** How many times faster than the per-task loop each row is. */
export function speedUps(rows: readonly SpeedRow[]): number[] {
  const loop = rows.find((row) => row.engine === 'per-task loop')?.msPerIteration ?? NaN;
  return rows.map((row) => loop / row.msPerIteration);
}

/** How the one-iteration view writes its numbers, in captions and in what a screen reader hears. */

export const formatScore = (value: number | undefined): string =>
  value !== undefined && Number.isFinite(value) ? value.toFixed(3) : '—';

export const formatAccuracy = (value: number | undefined): string =>
  value !== undefined && Number.isFinite(value) ? value.toFixed(2) : '—';

export const stepsText = (steps: number): string => `${steps} inner step${steps === 1 ? '' : 's'}`;

export const mean = (values: readonly number[]): number =>
  values.reduce((sum, v) => sum + v, 0) / values.length;

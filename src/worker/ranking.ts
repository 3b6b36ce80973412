/**
 * Which backend to train on, from what the measurement found, and the words for why. Pure: the
 * worker ranks with it, the page explains with it, and the unit tests check both.
 */
import {
  BACKEND_ORDER,
  type BackendAttempt,
  type BackendMeasurement,
  type BackendName,
} from './protocol';
import { compilesKernels } from './measurementRules';
import { softwareRendererName } from './softwareRenderer';

export interface RankingInput {
  /** At most one per backend. */
  readonly measurements: readonly BackendMeasurement[];
  /** Backends whose self-check passed in the training worker itself, with its message. */
  readonly checkedHere: ReadonlyMap<BackendName, string>;
  /** Backends not to use (they failed during this run, or in this worker). */
  readonly exclude: readonly BackendName[];
  /** The run's length, over which the first iteration's compilation is spread. */
  readonly iterations: number;
}

export function measurementOf(
  measurements: readonly BackendMeasurement[],
  backend: BackendName,
): BackendMeasurement | undefined {
  return measurements.find((m) => m.backend === backend);
}

/** Whether a backend may train: not excluded, not known to be broken, and checked somewhere. */
export function isUsable(backend: BackendName, input: RankingInput): boolean {
  if (input.exclude.includes(backend)) return false;
  const m = measurementOf(input.measurements, backend);
  if (m?.outcome === 'unavailable' || m?.outcome === 'failed') return false;
  return m?.checkPassed === true || input.checkedHere.has(backend);
}

/** Milliseconds per iteration over the whole run: the steady pace plus the first's extra, spread. */
export function projectedMsPerIteration(m: BackendMeasurement, iterations: number): number | null {
  if (m.msPerIteration === null) return null;
  const extra = Math.max(0, (m.firstIterationMs ?? m.msPerIteration) - m.msPerIteration);
  return m.msPerIteration + extra / Math.max(1, iterations);
}

/**
 * Without a timing, the usual order: a hardware GPU, then WASM, plain JavaScript, and last a
 * software renderer (a CPU pretending to be a GPU, slowest of all here).
 */
function staticPreference(backend: BackendName, m: BackendMeasurement | undefined): number {
  if (compilesKernels(backend)) return m?.software ? 10 : 0;
  return backend === 'wasm' ? 4 : 6;
}

/**
 * Usable backends, best first: those timed, by time per iteration over the run; then those not
 * timed (cut short, or not measured yet); last those stopped at their cap, by how far they got.
 */
export function rankBackends(input: RankingInput): BackendName[] {
  const usable = BACKEND_ORDER.filter((backend) => isUsable(backend, input));
  const score = (backend: BackendName): [number, number, number] => {
    const m = measurementOf(input.measurements, backend);
    const projected = m ? projectedMsPerIteration(m, input.iterations) : null;
    const preference = staticPreference(backend, m);
    if (projected !== null) return [0, projected, preference];
    if (m?.outcome === 'capped') return [2, m.firstIterationMs ?? Infinity, preference];
    return [1, preference, 0];
  };
  return [...usable].sort((a, b) => {
    const [sa, sb] = [score(a), score(b)];
    return sa[0] - sb[0] || sa[1] - sb[1] || sa[2] - sb[2];
  });
}

/** "5.2 ms", "13 ms", "1.4 s". */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)} s`;
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** "5.2x", "11x". */
function formatRatio(ratio: number): string {
  return ratio >= 10 ? `${Math.round(ratio)}x` : `${ratio.toFixed(1)}x`;
}

/** "webgl (SwiftShader, software)", or the bare name for a hardware backend. */
export function backendLabel(m: BackendMeasurement): string {
  if (!m.software) return m.backend;
  const renderer = softwareRendererName(m.adapter ?? '');
  return `${m.backend} (${renderer === null ? 'software renderer' : `${renderer}, software`})`;
}

/** What a measurement that reached no pace says about the backend. */
export function boundText(m: BackendMeasurement): string {
  const cap = formatMs(m.capMs);
  if (m.outcome === 'cut') return 'cut short when training began';
  if (m.stoppedAt === 'starting') return `it did not start within the ${cap} cap`;
  if (m.stoppedAt === 'checking') return `its self-check did not finish within the ${cap} cap`;
  if (m.firstIterationMs === null) return `no iteration within the ${cap} cap`;
  return `a first iteration of ${formatMs(m.firstIterationMs)}, then no more within the ${cap} cap`;
}

/** The backend the winner is compared with: for a CPU backend, the best GPU; else the runner-up. */
function rivalOf(winner: BackendName, input: RankingInput): BackendMeasurement | null {
  const others = input.measurements.filter(
    (m) =>
      m.backend !== winner &&
      !input.exclude.includes(m.backend) &&
      (m.msPerIteration !== null || m.outcome === 'capped'),
  );
  const ranked = rankBackends({ ...input, exclude: [...input.exclude, winner] });
  const inOrder = others.sort((a, b) => {
    const rank = (m: BackendMeasurement) => {
      const index = ranked.indexOf(m.backend);
      return index === -1 ? BACKEND_ORDER.length : index;
    };
    return rank(a) - rank(b);
  });
  const gpus = inOrder.filter((m) => compilesKernels(m.backend));
  return (!compilesKernels(winner) && gpus[0]) || inOrder[0] || null;
}

/** Why `winner` trains, in one line for the status bar; `measuring` while others are timed. */
export function choiceReason(winner: BackendName, input: RankingInput, measuring = false): string {
  const m = measurementOf(input.measurements, winner);
  if (m?.msPerIteration == null) {
    return measuring
      ? `${winner}: in use while the backends are measured`
      : `${winner}: no backend finished its timing, and ${winner} comes first among the rest`;
  }
  const pace = `${formatMs(m.msPerIteration)} per iteration`;
  const rival = rivalOf(winner, input);
  if (rival === null) return `${winner}: ${pace}, the only backend timed`;
  const label = backendLabel(rival);
  if (rival.msPerIteration === null) return `${winner}: ${pace}; ${label}: ${boundText(rival)}`;
  if (rival.msPerIteration > m.msPerIteration) {
    return `${winner}: ${pace}, ${formatRatio(rival.msPerIteration / m.msPerIteration)} faster than ${label}`;
  }
  // The rival is quicker per iteration but compiles for longer than this run can repay.
  return (
    `${winner}: ${pace}; ${label} does ${formatMs(rival.msPerIteration)} but needs ` +
    `${formatMs(rival.firstIterationMs ?? 0)} to start, more than this run's length repays`
  );
}

/** Every backend considered for an `auto` run, and why each was used or passed over. */
export function attemptsFrom(winner: BackendName, input: RankingInput): BackendAttempt[] {
  return BACKEND_ORDER.filter((backend) => !input.exclude.includes(backend)).map((backend) => {
    const m = measurementOf(input.measurements, backend);
    const usable = m?.outcome !== 'unavailable' && m?.outcome !== 'failed';
    const used = backend === winner;
    const checked = input.checkedHere.get(backend);
    let reason: string;
    if (used) reason = checked ?? m?.detail ?? 'passed its self-check';
    else if (!m) reason = 'not measured yet';
    else if (!usable) reason = m.detail;
    else if (m.msPerIteration !== null) {
      reason = `slower: ${formatMs(m.msPerIteration)} per iteration`;
      if (m.firstIterationMs !== null)
        reason += ` (first iteration ${formatMs(m.firstIterationMs)})`;
    } else reason = boundText(m);
    return { backend, used, usable, reason };
  });
}

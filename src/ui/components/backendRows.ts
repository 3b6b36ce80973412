/**
 * One line per backend for the Backends panel: what the run made of it (used, slower, missing,
 * failed its check, stopped at its cap...), what it runs on, its self-check and its timing.
 */
import {
  BACKEND_ORDER,
  type BackendAttempt,
  type BackendMeasurement,
  type BackendName,
  type ProbeStage,
} from '../../worker/protocol';
import { boundText, formatMs } from '../../worker/ranking';

export type VerdictKind = 'used' | 'slower' | 'skipped' | 'failed' | 'measuring' | 'unknown';

export interface BackendRow {
  readonly backend: BackendName;
  readonly verdict: string;
  readonly kind: VerdictKind;
  /** The GPU adapter, renderer or build, when known. */
  readonly adapter: string | null;
  readonly software: boolean;
  /** The self-check's result, or why the backend could not run. */
  readonly check: string | null;
  /** Its pace on this experiment, or the bound its cap gives. */
  readonly timing: string | null;
}

const STAGE_WORDS: Record<ProbeStage, string> = {
  starting: 'starting',
  checking: 'self-check',
  'first-iteration': 'first iteration',
  steady: 'timing',
  done: 'done',
};

function timingOf(m: BackendMeasurement): string | null {
  if (m.outcome === 'unavailable' || m.outcome === 'failed') return null;
  if (m.msPerIteration === null) return boundText(m);
  const first =
    m.firstIterationMs === null ? '' : `; first iteration ${formatMs(m.firstIterationMs)}`;
  return `${formatMs(m.msPerIteration)} per iteration${first}`;
}

function verdictOf(
  used: boolean,
  attempt: BackendAttempt | undefined,
  m: BackendMeasurement | undefined,
  measuringNow: boolean,
): { verdict: string; kind: VerdictKind } {
  if (used) return { verdict: 'used', kind: 'used' };
  if (measuringNow) return { verdict: 'measuring…', kind: 'measuring' };
  if (m?.outcome === 'unavailable') return { verdict: 'not available', kind: 'skipped' };
  if (m?.outcome === 'failed') return { verdict: 'failed', kind: 'failed' };
  if (m?.outcome === 'capped') return { verdict: 'too slow', kind: 'slower' };
  if (m?.outcome === 'cut') return { verdict: 'cut short', kind: 'unknown' };
  if (m?.outcome === 'measured') return { verdict: 'slower', kind: 'slower' };
  if (attempt && !attempt.usable) return { verdict: 'skipped', kind: 'skipped' };
  return { verdict: 'not measured', kind: 'unknown' };
}

export function backendRows(
  used: BackendName | null,
  attempts: readonly BackendAttempt[],
  measurements: readonly BackendMeasurement[],
  measuring: { readonly backend: BackendName; readonly stage: ProbeStage } | null,
): BackendRow[] {
  return BACKEND_ORDER.map((backend) => {
    const attempt = attempts.find((a) => a.backend === backend);
    const m = measurements.find((entry) => entry.backend === backend);
    const measuringNow = measuring?.backend === backend;
    const { verdict, kind } = verdictOf(backend === used, attempt, m, measuringNow);
    const check = m?.detail ?? attempt?.reason ?? null;
    return {
      backend,
      verdict: measuringNow ? `measuring: ${STAGE_WORDS[measuring.stage]}…` : verdict,
      kind,
      adapter: m?.adapter ?? null,
      software: m?.software ?? false,
      check: check === '' ? null : check,
      timing: m ? timingOf(m) : null,
    };
  });
}

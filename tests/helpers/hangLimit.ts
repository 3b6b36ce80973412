/**
 * How long a unit test, or a runner it starts, may take before it counts as hung. Every test does
 * a bounded amount of work (a number of iterations, never "as many as fit in N seconds"), so this
 * limit only catches hangs: it is set far above a quiet run's time, so that the suite still passes
 * on a machine whose cores are busy with other work.
 */
export const HANG_LIMIT_MS = 20 * 60_000;

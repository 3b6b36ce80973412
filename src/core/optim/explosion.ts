/**
 * Adapting to a task should lower its loss; when the inner steps multiply it by this much, the
 * inner loop is overshooting and the numbers are about to leave float32's range.
 */
export const EXPLOSION_FACTOR = 1e6;

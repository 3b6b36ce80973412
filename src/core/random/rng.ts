/**
 * A small seeded random generator (sfc32) with named, independent streams.
 *
 * One experiment seed fixes a whole run: task sampling, initialisation and the held-out evaluation
 * tasks each draw from their own stream, so changing how many numbers one of them consumes never
 * shifts the others. tf.random* is not used for anything that must be reproducible (seed 0 means
 * "unseeded" there, and shuffles use Math.random).
 */
export interface Rng {
  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform in [0, 1), with 32 random bits. */
  next(): number;
  /** Uniform in [low, high). */
  uniform(low: number, high: number): number;
  /** Standard normal (Box-Muller). */
  normal(): number;
  /** A new generator whose sequence is independent of this one's future draws. */
  fork(stream: string): Rng;
  /** The generator's whole state, to continue the same sequence later (see restoreRng). */
  save(): RngState;
}

/** Plain data: the four sfc32 words and a cached second normal draw. */
export interface RngState {
  readonly words: readonly [number, number, number, number];
  readonly spareNormal: number | null;
}

/** FNV-1a over the UTF-16 code units, mixed with the seed; deterministic and engine-independent. */
function hashStream(seed: number, stream: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < stream.length; i++) {
    h ^= stream.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** splitmix32: spreads one 32-bit value into well-mixed state words. */
function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

function sfc32(seedWord: number, state?: RngState): Rng {
  const mix = splitmix32(seedWord);
  let [a, b, c, d] = state?.words ?? [mix(), mix(), mix(), 1];
  let spareNormal: number | null = state ? state.spareNormal : null;

  const nextUint32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  // Warm up so that nearby seeds diverge immediately.
  if (!state) for (let i = 0; i < 12; i++) nextUint32();

  const rng: Rng = {
    nextUint32,
    next: () => nextUint32() / 4294967296,
    uniform: (low, high) => low + (high - low) * (nextUint32() / 4294967296),
    normal: () => {
      if (spareNormal !== null) {
        const value = spareNormal;
        spareNormal = null;
        return value;
      }
      // 1 - u lies in (0, 1], so the logarithm is finite.
      const u = 1 - nextUint32() / 4294967296;
      const v = nextUint32() / 4294967296;
      const radius = Math.sqrt(-2 * Math.log(u));
      spareNormal = radius * Math.sin(2 * Math.PI * v);
      return radius * Math.cos(2 * Math.PI * v);
    },
    fork: (stream) => sfc32(hashStream(nextUint32(), stream)),
    save: () => ({ words: [a, b, c, d], spareNormal }),
  };
  return rng;
}

/** The generator for one named stream of an experiment seed (e.g. 'tasks', 'init', 'evaluation'). */
export function createRng(seed: number, stream: string): Rng {
  return sfc32(hashStream(seed >>> 0, stream));
}

/** A generator that continues exactly where the one that saved `state` was. */
export function restoreRng(state: RngState): Rng {
  return sfc32(0, state);
}

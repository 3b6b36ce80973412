/**
 * Batch normalisation per task and channel, and the derivatives that second-order MAML needs, as
 * loops over plain arrays (the kernels of fusedBatchNorm.ts run them on the CPU and WASM backends).
 *
 * Layout: z and every full-size array are [tasks, rows, channels], row-major; per-group values
 * (scale, offset, and the results of scaleGradient and of batchNormGradientGradient's second
 * output) are [tasks, channels]. A group is one task's channel: n = rows values. Sums are taken in
 * float64 (the variance as mean(z^2) - mean(z)^2, exact enough in float64 for float32 inputs unless
 * |mean| exceeds the deviation ten-thousandfold), so the results are at least as accurate as
 * tfjs's own ops. Each function makes one or two passes over its arrays: a group's statistics
 * (moments) are computed once per z and passed in. The passes walk four channels at a time down
 * the rows with the sums in local variables, which V8 runs faster than a sum array updated per
 * element. With, per group, c = z - mean(z), s = 1 / sqrt(mean(c^2) + eps), xhat = c * s:
 *
 *   forward:            y  = scale * xhat + offset
 *   gradient (dy = a):  dz = scale * s * (p - s^2 * k * c),  p = a - mean(a),  k = mean(p * c)
 *   scale gradient:     sum(a * xhat) = n * s * k
 *
 * and, for a cotangent u of dz (derived by hand, checked against finite differences in
 * tests/unit/fusedBatchNorm.test.ts), with Up = sum(u * p), Uc = sum(u * c):
 *
 *   d/dz:      -scale * s^3 * ((Up - 3 s^2 k Uc) * c / n + Uc * p / n + k * (u - mean(u)))
 *   d/dscale:  s * Up - s^3 * k * Uc
 *   d/da:      the gradient formula applied to u (its matrix is symmetric)
 */

export interface Groups {
  readonly tasks: number;
  readonly rows: number;
  readonly channels: number;
}

type Values = Float32Array;

/** Per-group mean of z and s = 1 / sqrt(variance + eps), [tasks * channels] each. */
export interface Moments {
  readonly mean: Float64Array;
  readonly inverse: Float64Array;
}

/**
 * Per-group sums over the rows of x and of x * y, into sumX and sumXY (y = x: sums and squares).
 * Four channels at a time, then one at a time for the rest.
 */
function sums(
  x: Values,
  y: Values,
  { tasks, rows, channels }: Groups,
  sumX: Float64Array,
  sumXY: Float64Array,
): void {
  for (let t = 0; t < tasks; t++) {
    const base = t * rows * channels;
    let f = 0;
    for (; f + 4 <= channels; f += 4) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let p0 = 0;
      let p1 = 0;
      let p2 = 0;
      let p3 = 0;
      for (let r = 0, i = base + f; r < rows; r++, i += channels) {
        const x0 = x[i]!;
        const x1 = x[i + 1]!;
        const x2 = x[i + 2]!;
        const x3 = x[i + 3]!;
        s0 += x0;
        s1 += x1;
        s2 += x2;
        s3 += x3;
        p0 += x0 * y[i]!;
        p1 += x1 * y[i + 1]!;
        p2 += x2 * y[i + 2]!;
        p3 += x3 * y[i + 3]!;
      }
      sumX.set([s0, s1, s2, s3], t * channels + f);
      sumXY.set([p0, p1, p2, p3], t * channels + f);
    }
    for (; f < channels; f++) {
      let [sx, sxy] = [0, 0];
      for (let r = 0, i = base + f; r < rows; r++, i += channels) {
        sx += x[i]!;
        sxy += x[i]! * y[i]!;
      }
      sumX[t * channels + f] = sx;
      sumXY[t * channels + f] = sxy;
    }
  }
}

/**
 * out = x * xFactor + z * zFactor + add, per group: the one form the forward pass (x = z, a zero
 * xFactor) and the gradient take once their per-group factors are known.
 */
function combine(
  x: Values,
  xFactor: Float64Array,
  z: Values,
  zFactor: Float64Array,
  add: Float64Array,
  { tasks, rows, channels }: Groups,
  out: Values,
): void {
  for (let t = 0; t < tasks; t++) {
    const base = t * rows * channels;
    let f = 0;
    for (; f + 4 <= channels; f += 4) {
      const j = t * channels + f;
      const [a0, a1, a2, a3] = [xFactor[j]!, xFactor[j + 1]!, xFactor[j + 2]!, xFactor[j + 3]!];
      const [b0, b1, b2, b3] = [zFactor[j]!, zFactor[j + 1]!, zFactor[j + 2]!, zFactor[j + 3]!];
      const [c0, c1, c2, c3] = [add[j]!, add[j + 1]!, add[j + 2]!, add[j + 3]!];
      for (let r = 0, i = base + f; r < rows; r++, i += channels) {
        out[i] = x[i]! * a0 + z[i]! * b0 + c0;
        out[i + 1] = x[i + 1]! * a1 + z[i + 1]! * b1 + c1;
        out[i + 2] = x[i + 2]! * a2 + z[i + 2]! * b2 + c2;
        out[i + 3] = x[i + 3]! * a3 + z[i + 3]! * b3 + c3;
      }
    }
    for (; f < channels; f++) {
      const j = t * channels + f;
      const [a, b, c] = [xFactor[j]!, zFactor[j]!, add[j]!];
      for (let r = 0, i = base + f; r < rows; r++, i += channels) {
        out[i] = x[i]! * a + z[i]! * b + c;
      }
    }
  }
}

export function moments(z: Values, groups: Groups, epsilon: number): Moments {
  const size = groups.tasks * groups.channels;
  const mean = new Float64Array(size);
  const inverse = new Float64Array(size);
  sums(z, z, groups, mean, inverse);
  for (let j = 0; j < size; j++) {
    const m = mean[j]! / groups.rows;
    mean[j] = m;
    inverse[j] = 1 / Math.sqrt(Math.max(0, inverse[j]! / groups.rows - m * m) + epsilon);
  }
  return { mean, inverse };
}

/**
 * Per-group sums over the rows of a and of a * (z - mean(z)), into sumA and sumAC: the second as
 * sum(a z) - mean(z) sum(a), exact enough in float64.
 */
function sumsWithCentred(
  a: Values,
  z: Values,
  zMean: Float64Array,
  groups: Groups,
  sumA: Float64Array,
  sumAC: Float64Array,
): void {
  sums(a, z, groups, sumA, sumAC);
  for (let j = 0; j < sumA.length; j++) sumAC[j]! -= zMean[j]! * sumA[j]!;
}

/** y = scale * (z - mean) * s + offset. */
export function batchNormForward(
  z: Values,
  { mean, inverse }: Moments,
  scale: Values,
  offset: Values,
  groups: Groups,
  y: Values,
): void {
  const size = mean.length;
  const factor = new Float64Array(size);
  const add = new Float64Array(size);
  for (let j = 0; j < size; j++) {
    factor[j] = scale[j]! * inverse[j]!;
    add[j] = offset[j]! - mean[j]! * factor[j]!;
  }
  combine(z, new Float64Array(size), z, factor, add, groups, y);
}

/** dz for the cotangent a of y: scale * s * (a - mean(a) - s^2 * k * (z - mean(z))). */
export function batchNormGradient(
  a: Values,
  z: Values,
  { mean, inverse }: Moments,
  scale: Values,
  groups: Groups,
  dz: Values,
): void {
  const size = mean.length;
  const sumA = new Float64Array(size);
  const sumAC = new Float64Array(size);
  sumsWithCentred(a, z, mean, groups, sumA, sumAC);
  const aFactor = new Float64Array(size);
  const zFactor = new Float64Array(size);
  const add = new Float64Array(size);
  for (let j = 0; j < size; j++) {
    const s = inverse[j]!;
    const k = sumAC[j]! / groups.rows;
    aFactor[j] = scale[j]! * s;
    zFactor[j] = -aFactor[j]! * s * s * k;
    add[j] = -aFactor[j]! * (sumA[j]! / groups.rows) - zFactor[j]! * mean[j]!;
  }
  combine(a, aFactor, z, zFactor, add, groups, dz);
}

/** sum over the rows of a * xhat, per group, into out [tasks * channels]. */
export function batchNormScaleGradient(
  a: Values,
  z: Values,
  { mean, inverse }: Moments,
  groups: Groups,
  out: Values,
): void {
  const size = mean.length;
  const sumA = new Float64Array(size);
  const sumAC = new Float64Array(size);
  sumsWithCentred(a, z, mean, groups, sumA, sumAC);
  for (let j = 0; j < size; j++) out[j] = inverse[j]! * sumAC[j]!;
}

/**
 * The cotangents of batchNormGradient's inputs z and scale for a cotangent u of its output dz
 * (see the formulas at the top), into vz (full size) and vScale ([tasks * channels]).
 */
export function batchNormGradientGradient(
  u: Values,
  a: Values,
  z: Values,
  { mean, inverse }: Moments,
  scale: Values,
  groups: Groups,
  vz: Values,
  vScale: Values,
): void {
  const { rows } = groups;
  const size = mean.length;
  // The sums of a, u, a c, u c and u a; p = a - mean(a) is expanded from them.
  const sumA = new Float64Array(size);
  const sumU = new Float64Array(size);
  const sumAC = new Float64Array(size);
  const sumUC = new Float64Array(size);
  const sumUA = new Float64Array(size);
  sumsWithCentred(a, z, mean, groups, sumA, sumAC);
  sumsWithCentred(u, z, mean, groups, sumU, sumUC);
  sums(u, a, groups, new Float64Array(size), sumUA);
  // vz = cF * c + pF * p + uF * (u - mean(u)): u and a in one pass, z added in a second.
  const uFactor = new Float64Array(size);
  const aFactor = new Float64Array(size);
  const zFactor = new Float64Array(size);
  const add = new Float64Array(size);
  for (let j = 0; j < size; j++) {
    const aMean = sumA[j]! / rows;
    const k = sumAC[j]! / rows;
    const up = sumUA[j]! - aMean * sumU[j]!;
    const uc = sumUC[j]!;
    const s = inverse[j]!;
    const s3 = s * s * s;
    const gs3 = -scale[j]! * s3;
    const cF = (gs3 * (up - 3 * s * s * k * uc)) / rows;
    const pF = (gs3 * uc) / rows;
    const uF = gs3 * k;
    uFactor[j] = uF;
    aFactor[j] = pF;
    zFactor[j] = cF;
    add[j] = -cF * mean[j]! - pF * aMean - uF * (sumU[j]! / rows);
    vScale[j] = s * up - s3 * k * uc;
  }
  combine(u, uFactor, a, aFactor, add, groups, vz);
  combine(vz, new Float64Array(size).fill(1), z, zFactor, new Float64Array(size), groups, vz);
}

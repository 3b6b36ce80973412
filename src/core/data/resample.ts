/**
 * Area-averaging resampling: each output pixel is the mean of the source over the rectangle it
 * covers, source pixels cut by its edges counting by the fraction covered (an exact box filter).
 * Shrinking 105x105 Omniglot drawings to 28x28 this way keeps thin strokes as grey instead of
 * dropping them, as nearest-neighbour sampling would.
 */

/** Writes the resampled image into `out` from element `offset`. */
export type Resampler = (src: Float32Array, out: Float32Array, offset: number) => void;

/**
 * Along one axis: output pixel i averages source pixels first[i] .. first[i] + taps - 1 with
 * weights[i * taps + k], the fraction of its width each covers (zero-padded to a fixed `taps`).
 */
interface AxisWeights {
  readonly taps: number;
  readonly first: Int32Array;
  readonly weights: Float64Array;
}

/** The box filter is separable: the 2-D weight is the product of the two axes' weights. */
function axisWeights(source: number, target: number): AxisWeights {
  const scale = source / target;
  const taps = Math.min(source, Math.ceil(scale) + 1);
  const first = new Int32Array(target);
  const weights = new Float64Array(target * taps);
  for (let i = 0; i < target; i++) {
    const start = i * scale;
    const end = (i + 1) * scale;
    // Keep the window inside the image; pixels outside the rectangle get weight 0.
    first[i] = Math.min(Math.floor(start), source - taps);
    for (let k = 0; k < taps; k++) {
      const j = first[i]! + k;
      weights[i * taps + k] = Math.max(0, Math.min(end, j + 1) - Math.max(start, j)) / scale;
    }
  }
  return { taps, first, weights };
}

export function areaResampler(
  srcWidth: number,
  srcHeight: number,
  outWidth: number,
  outHeight: number,
): Resampler {
  const columns = axisWeights(srcWidth, outWidth);
  const rows = axisWeights(srcHeight, outHeight);
  // Rows are averaged first into a srcHeight x outWidth buffer that every call reuses.
  const partial = new Float64Array(srcHeight * outWidth);
  return (src, out, offset) => {
    pass(src, srcHeight, srcWidth, 1, columns, partial, outWidth, 1);
    pass(partial, outWidth, 1, outWidth, rows, out, 1, outWidth, offset);
  };
}

/**
 * Filters along one axis for `lines` lines: output element (line, i) = sum over k of
 * weights[i, k] * input[line * lineStep + (first[i] + k) * step]; outputs go to
 * out[offset + line * outLineStep + i * outStep].
 */
function pass(
  input: Float32Array | Float64Array,
  lines: number,
  lineStep: number,
  step: number,
  axis: AxisWeights,
  out: Float32Array | Float64Array,
  outLineStep: number,
  outStep: number,
  offset = 0,
): void {
  const { taps, first, weights } = axis;
  for (let line = 0; line < lines; line++) {
    for (let i = 0; i < first.length; i++) {
      let at = line * lineStep + first[i]! * step;
      let sum = 0;
      for (let k = i * taps, end = k + taps; k < end; k++, at += step)
        sum += weights[k]! * input[at]!;
      out[offset + line * outLineStep + i * outStep] = sum;
    }
  }
}

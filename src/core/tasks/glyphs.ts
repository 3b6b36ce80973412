/**
 * Synthetic handwritten-looking glyphs, a download-free stand-in for Omniglot. A class is one to
 * four pen strokes (quadratic curves or short polylines) in the unit square, fixed by (seed, id);
 * an example is those strokes redrawn the way a person redraws a character: a small random
 * rotation, scale, shear and shift of the whole glyph, each control point wobbling a little, and
 * a pen of varying width. Rendered anti-aliased, ink 1 on 0.
 */
import { createRng, type Rng } from '../random/rng';
import { drawPolyline } from './glyphsRaster';

/** The generator's ranges; lengths are fractions of the image side. */
export const GLYPH = {
  strokes: [1, 4],
  /** Control points lie in [margin, 1 - margin], leaving room for an example's jitter. */
  margin: 0.2,
  /** Least total stroke length (control polygon), in image sides. */
  minInk: 0.6,
  /** Chance that a stroke after the first starts on a point of an earlier one, as in real letters. */
  joined: 0.5,
  /** Pen radius: 0.8 px at 28x28, scaled with the image. */
  penRadius: 0.8 / 28,
  /** Standard deviations of an example's jitter. */
  rotation: 0.12,
  logScale: 0.08,
  shear: 0.1,
  shift: 0.03,
  pointNoise: 0.02,
  logPen: 0.12,
  /** Straight pieces a curve is drawn with. */
  curveSegments: 8,
} as const;

export interface GlyphStroke {
  /** True: one quadratic Bezier (start, control, end). False: a polyline through the points. */
  readonly curved: boolean;
  /** x0, y0, x1, y1, ... in the unit square, x right, y down. */
  readonly points: readonly number[];
}

export interface GlyphClass {
  readonly id: number;
  readonly strokes: readonly GlyphStroke[];
}

/**
 * The strokes of class `id`, a pure function of (seed, id). The id goes in as createRng's seed
 * argument, which reaches the generator's state through bijections only (xor, FNV-1a steps with
 * an odd multiplier, splitmix32), so two ids never share a generator.
 */
export function glyphClass(seed: number, id: number): GlyphClass {
  const rng = createRng(id >>> 0, `glyph strokes, seed ${seed >>> 0}`);
  const count =
    GLYPH.strokes[0] + Math.floor(rng.next() * (GLYPH.strokes[1] - GLYPH.strokes[0] + 1));
  const strokes: GlyphStroke[] = [];
  // A lone short dash is too easy to confuse; keep adding strokes until there is enough ink.
  for (let s = 0; s < count || (s < GLYPH.strokes[1] && inkLength(strokes) < GLYPH.minInk); s++) {
    const earlier = strokes.flatMap((stroke) => endpoints(stroke));
    const start =
      earlier.length > 0 && rng.next() < GLYPH.joined
        ? earlier[Math.floor(rng.next() * earlier.length)]!
        : randomPoint(rng);
    strokes.push(rng.next() < 0.5 ? curve(rng, start) : polyline(rng, start));
  }
  return { id: id >>> 0, strokes };
}

/**
 * Draws one fresh example of `glyph` with jitter from `rng` into the imageSize x imageSize image
 * starting at out[offset], overwriting it.
 */
export function drawGlyph(
  glyph: GlyphClass,
  rng: Rng,
  imageSize: number,
  out: Float32Array,
  offset: number,
): void {
  out.fill(0, offset, offset + imageSize * imageSize);
  const angle = GLYPH.rotation * rng.normal();
  const scale = Math.exp(GLYPH.logScale * rng.normal());
  const sx = scale * Math.exp(0.5 * GLYPH.logScale * rng.normal());
  const sy = scale * Math.exp(0.5 * GLYPH.logScale * rng.normal());
  const shear = GLYPH.shear * rng.normal();
  const [tx, ty] = [GLYPH.shift * rng.normal(), GLYPH.shift * rng.normal()];
  const radius = Math.max(0.5, GLYPH.penRadius * imageSize * Math.exp(GLYPH.logPen * rng.normal()));
  // Rotation times shear times scale, about the centre of the square.
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  const [a, b] = [cos * sx, (cos * shear - sin) * sy];
  const [c, d] = [sin * sx, (sin * shear + cos) * sy];
  const place = (x: number, y: number): [number, number] => {
    const [u, v] = [
      x + GLYPH.pointNoise * rng.normal() - 0.5,
      y + GLYPH.pointNoise * rng.normal() - 0.5,
    ];
    return [(0.5 + tx + a * u + b * v) * imageSize, (0.5 + ty + c * u + d * v) * imageSize];
  };
  for (const stroke of glyph.strokes) {
    const moved: number[] = [];
    for (let p = 0; p < stroke.points.length; p += 2) {
      moved.push(...place(stroke.points[p]!, stroke.points[p + 1]!));
    }
    drawPolyline(stroke.curved ? flattenCurve(moved) : moved, radius, imageSize, out, offset);
  }
}

/** Points along the quadratic Bezier (x0, y0, cx, cy, x1, y1); an affine map commutes with it. */
function flattenCurve(q: readonly number[]): number[] {
  const points: number[] = [];
  for (let k = 0; k <= GLYPH.curveSegments; k++) {
    const t = k / GLYPH.curveSegments;
    const [w0, w1, w2] = [(1 - t) * (1 - t), 2 * t * (1 - t), t * t];
    points.push(w0 * q[0]! + w1 * q[2]! + w2 * q[4]!, w0 * q[1]! + w1 * q[3]! + w2 * q[5]!);
  }
  return points;
}

type Point = readonly [number, number];

function randomPoint(rng: Rng): Point {
  return [rng.uniform(GLYPH.margin, 1 - GLYPH.margin), rng.uniform(GLYPH.margin, 1 - GLYPH.margin)];
}

function inside(value: number): number {
  return Math.min(1 - GLYPH.margin, Math.max(GLYPH.margin, value));
}

function endpoints(stroke: GlyphStroke): Point[] {
  const p = stroke.points;
  return [
    [p[0]!, p[1]!],
    [p[p.length - 2]!, p[p.length - 1]!],
  ];
}

function inkLength(strokes: readonly GlyphStroke[]): number {
  let length = 0;
  for (const { points } of strokes) {
    for (let p = 0; p + 3 < points.length; p += 2) {
      length += Math.hypot(points[p + 2]! - points[p]!, points[p + 3]! - points[p + 1]!);
    }
  }
  return length;
}

/** A bow from `start` to a point at least 0.3 away, bent sideways by up to about half its length. */
function curve(rng: Rng, start: Point): GlyphStroke {
  let end = randomPoint(rng);
  for (
    let tries = 0;
    tries < 8 && Math.hypot(end[0] - start[0], end[1] - start[1]) < 0.3;
    tries++
  ) {
    end = randomPoint(rng);
  }
  const bend = 0.3 * rng.normal();
  // The control point sits off the chord's midpoint along its normal (-dy, dx).
  const control = [
    inside((start[0] + end[0]) / 2 - bend * (end[1] - start[1])),
    inside((start[1] + end[1]) / 2 + bend * (end[0] - start[0])),
  ];
  return { curved: true, points: [...start, ...control, ...end] };
}

/** One to three straight pieces, each turning from the last by a random angle. */
function polyline(rng: Rng, start: Point): GlyphStroke {
  const pieces = 1 + Math.floor(rng.next() * 3);
  const points = [...start];
  let heading = rng.uniform(0, 2 * Math.PI);
  for (let k = 0; k < pieces; k++) {
    if (k > 0) heading += rng.uniform(0.5, 2.5) * (rng.next() < 0.5 ? -1 : 1);
    const length = rng.uniform(0.2, 0.45);
    const [x, y] = [points[points.length - 2]!, points[points.length - 1]!];
    points.push(inside(x + length * Math.cos(heading)), inside(y + length * Math.sin(heading)));
  }
  return { curved: false, points };
}

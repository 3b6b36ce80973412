/**
 * Anti-aliased pen strokes: a pixel's ink is how far its centre lies inside a round pen of radius
 * `radius` swept along the segment, with a one-pixel soft edge, ink = clamp(radius + 0.5 - d, 0, 1)
 * for d the distance to the segment in pixels. Overlapping strokes take the larger ink, as a pen
 * going over a line twice does not make it darker.
 */

/**
 * Draws the polyline `points` (x0, y0, x1, y1, ... in pixels, x right, y down) into the size x size
 * image that starts at out[offset]. Only the pixels near each segment are visited.
 */
export function drawPolyline(
  points: ArrayLike<number>,
  radius: number,
  size: number,
  out: Float32Array,
  offset: number,
): void {
  const reach = radius + 0.5;
  for (let p = 0; p + 3 < points.length; p += 2) {
    const ax = points[p]!;
    const ay = points[p + 1]!;
    const bx = points[p + 2]!;
    const by = points[p + 3]!;
    const dx = bx - ax;
    const dy = by - ay;
    const lengthSq = dx * dx + dy * dy;
    // Pixel (i, j) has its centre at (i + 0.5, j + 0.5).
    const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - reach));
    const x1 = Math.min(size - 1, Math.ceil(Math.max(ax, bx) + reach));
    const y0 = Math.max(0, Math.floor(Math.min(ay, by) - reach));
    const y1 = Math.min(size - 1, Math.ceil(Math.max(ay, by) + reach));
    for (let j = y0; j <= y1; j++) {
      const py = j + 0.5 - ay;
      for (let i = x0; i <= x1; i++) {
        const px = i + 0.5 - ax;
        // Closest point of the segment: the projection clamped to its ends.
        const t = lengthSq > 0 ? Math.min(1, Math.max(0, (px * dx + py * dy) / lengthSq)) : 0;
        const ex = px - t * dx;
        const ey = py - t * dy;
        const ink = reach - Math.sqrt(ex * ex + ey * ey);
        if (ink <= 0) continue;
        const at = offset + j * size + i;
        const value = ink < 1 ? ink : 1;
        if (value > out[at]!) out[at] = value;
      }
    }
  }
}

/**
 * The frame of an exported chart image: the drawing's own size, grown to take in whatever of it
 * spills past its edges (axis labels may overflow the drawing on the page) within a limit, in
 * whole pixels.
 */
import { describe, expect, it } from 'vitest';
import {
  exportFrame,
  INLINED_PROPERTIES,
  MAX_SPILL,
  viewBoxOf,
} from '../../src/ui/charts/export/svgFrame';

describe('exported SVG frame', () => {
  it('is the drawing itself when nothing spills out', () => {
    const frame = exportFrame(640, 250, { x: 5, y: 10, width: 600, height: 230 });
    expect(frame).toEqual({ x: 0, y: 0, width: 640, height: 250 });
    expect(viewBoxOf(frame)).toBe('0 0 640 250');
  });

  it('grows to content past any edge, rounded outwards to whole pixels', () => {
    const frame = exportFrame(640.4, 250, { x: -3.5, y: -12.2, width: 650, height: 270.1 });
    // Left -4, top -13, right max(640.4, 646.5) -> 647, bottom max(250, 257.9) -> 258.
    expect(frame).toEqual({ x: -4, y: -13, width: 651, height: 271 });
    expect(viewBoxOf(frame)).toBe('-4 -13 651 271');
  });

  it('grows by at most MAX_SPILL pixels, however far points are drawn outside', () => {
    const frame = exportFrame(400, 300, { x: -500, y: -1000, width: 2000, height: 3000 });
    expect(MAX_SPILL).toBe(24);
    expect(frame).toEqual({ x: -24, y: -24, width: 448, height: 348 });
  });

  it('ignores an empty content box', () => {
    expect(exportFrame(300, 200, { x: -50, y: -50, width: 0, height: 0 })).toEqual({
      x: 0,
      y: 0,
      width: 300,
      height: 200,
    });
    expect(exportFrame(300.2, 199.6, null)).toEqual({ x: 0, y: 0, width: 301, height: 200 });
  });

  it('inlines the paint and text properties the drawing depends on', () => {
    for (const property of ['fill', 'stroke', 'stroke-dasharray', 'font-family', 'font-size']) {
      expect(INLINED_PROPERTIES).toContain(property);
    }
  });
});

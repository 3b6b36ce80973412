import { describe, expect, it } from 'vitest';
import { stagePlotHeight } from '../../src/ui/layout/stagePlotHeight';

describe('stagePlotHeight', () => {
  it('gives the plots what the viewport leaves below the stage top, less the room around them', () => {
    expect(stagePlotHeight(1280, 720, 188)).toBe(720 - 188 - 302);
    expect(stagePlotHeight(1440, 900, 188)).toBe(900 - 188 - 302);
    // A taller run bar above (a three-line status) lowers the plots by as much.
    expect(stagePlotHeight(1280, 800, 216)).toBe(stagePlotHeight(1280, 800, 188) - 28);
  });

  it('keeps the room it is given below the stage top instead (classroom mode)', () => {
    expect(stagePlotHeight(1280, 720, 176, 340)).toBe(720 - 176 - 340);
    expect(stagePlotHeight(1280, 720, 176, 500)).toBe(200);
  });

  it('keeps plots readable on short screens and bounded on tall ones', () => {
    expect(stagePlotHeight(1280, 600, 188)).toBe(200);
    expect(stagePlotHeight(1920, 1080, 188)).toBe(540);
    expect(stagePlotHeight(2560, 1600, 188)).toBe(540);
  });

  it('follows the width on a phone, whatever is above, so the plot keeps its shape', () => {
    expect(stagePlotHeight(390, 844, 270)).toBe(Math.round(390 * 0.7));
    expect(stagePlotHeight(390, 844, 500)).toBe(Math.round(390 * 0.7));
    expect(stagePlotHeight(320, 640, 270)).toBe(224);
    expect(stagePlotHeight(700, 900, 270)).toBe(320);
  });
});

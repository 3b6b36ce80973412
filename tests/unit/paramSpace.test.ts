/** The parameter-space view's plain pieces: the plane's quadratic, its contours, the paths. */
import { describe, expect, it } from 'vitest';
import {
  lineContour,
  lineGradient,
  lineLoss,
  lineMoments,
  lineOptimum,
} from '../../src/core/math/linePlane';
import { addPicture, extendPath, TRAJECTORY_POINTS } from '../../src/ui/paramSpace/paths';
import { planeWindow } from '../../src/ui/paramSpace/planeChart';
import type { ParameterPlane } from '../../src/core/trainer/regression/parameterPlane';

const xs = [-1.5, -0.2, 0.3, 0.9, 1.7];
const ys = xs.map((x) => 0.8 * x - 0.4 + 0.1 * Math.sin(7 * x));
const m = lineMoments(xs, ys);

describe('a linear model on the plane', () => {
  it('has the loss, gradient and optimum of its points', () => {
    const direct = (w: number, b: number) =>
      xs.reduce((s, x, i) => s + (w * x + b - ys[i]!) ** 2, 0) / xs.length;
    expect(lineLoss(m, 0.3, 0.7)).toBeCloseTo(direct(0.3, 0.7), 12);
    const h = 1e-6;
    const [gw, gb] = lineGradient(m, 0.3, 0.7);
    expect(gw).toBeCloseTo((direct(0.3 + h, 0.7) - direct(0.3 - h, 0.7)) / (2 * h), 6);
    expect(gb).toBeCloseTo((direct(0.3, 0.7 + h) - direct(0.3, 0.7 - h)) / (2 * h), 6);
    const [w, b] = lineOptimum(m);
    const [zw, zb] = lineGradient(m, w, b);
    expect(Math.hypot(zw, zb)).toBeLessThan(1e-12);
  });

  it('draws contours on which the loss is the level', () => {
    const [w, b] = lineOptimum(m);
    const level = lineLoss(m, w, b) + 0.5;
    const contour = lineContour(m, level, 40);
    expect(contour).toHaveLength(41);
    for (const p of contour) expect(lineLoss(m, p.w, p.b)).toBeCloseTo(level, 9);
    expect(lineContour(m, lineLoss(m, w, b) - 0.1)).toEqual([]);
  });
});

describe('the view', () => {
  it('keeps paths bounded, with their start and their latest points', () => {
    let path = extendPath([], { w: 0, b: 0 });
    for (let i = 1; i < 1000; i++) path = extendPath(path, { w: i, b: 0 });
    expect(path.length).toBeLessThanOrEqual(TRAJECTORY_POINTS);
    expect(path[0]).toEqual({ w: 0, b: 0 });
    expect(path.at(-1)).toEqual({ w: 999, b: 0 });
    const ws = path.map((p) => p.w);
    expect([...ws].sort((a, b) => a - b)).toEqual(ws);
  });

  it('adds each picture to the paths, and starts over after a reset', () => {
    const plane = (iteration: number, w: number): ParameterPlane => ({
      iteration,
      models: [{ id: 'maml', role: 'learner', w, b: 0, start: { w: -1, b: 0 } }],
      tasks: [],
    });
    let paths = addPicture(new Map(), null, plane(0, 0));
    paths = addPicture(paths, plane(0, 0), plane(5, 1));
    paths = addPicture(paths, plane(5, 1), plane(5, 1));
    expect(paths.get('maml')).toEqual([
      { w: -1, b: 0 },
      { w: 0, b: 0 },
      { w: 1, b: 0 },
    ]);
    paths = addPicture(paths, plane(5, 1), plane(0, -1));
    expect(paths.get('maml')).toEqual([{ w: -1, b: 0 }]);
  });

  it('frames every point on half units', () => {
    const window = planeWindow([
      { w: -1.2, b: 0.3 },
      { w: 1.9, b: -0.8 },
    ]);
    expect(window.w[0]).toBeLessThanOrEqual(-1.2);
    expect(window.w[1]).toBeGreaterThanOrEqual(1.9);
    expect(Number.isInteger(window.w[0] * 2) && Number.isInteger(window.b[1] * 2)).toBe(true);
    expect(window.wTicks.every((t) => t >= window.w[0] && t <= window.w[1])).toBe(true);
  });
});

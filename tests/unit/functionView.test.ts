import { describe, expect, it } from 'vitest';
import { GRID_SIZE, plotGeometry, tickLabel } from '../../src/ui/functionView/geometry';
import { plotRows, plottedValue } from '../../src/ui/functionView/plotRows';
import { SINUSOID_FAMILY } from '../../src/core/families/sinusoid';
import { KEY_STEP, KEY_STEP_LARGE, pointKeyAction } from '../../src/ui/functionView/pointKeys';
import type { PreviewAnswer } from '../../src/ui/functionView/previewTypes';
import { fitsAtStep, OPENING_STEP, shownStep } from '../../src/ui/functionView/shownFits';

/** An answer with `steps` + 1 predictions per model, each filled with its step number. */
function answerWith(steps: number, pretrainedSteps = steps): PreviewAnswer {
  const predictions = (count: number, offset: number) =>
    Array.from({ length: count + 1 }, (_, step) => Float32Array.of(step + offset, step + offset));
  return {
    requestId: 1,
    iteration: 42,
    learner: predictions(steps, 0),
    pretrained: predictions(pretrainedSteps, 100),
    support: { x: Float32Array.of(-1, 0, 1), y: Float32Array.of(0, 1, 0) },
  };
}

describe('the function view chart data', () => {
  it('has one row per grid input with every curve that is given', () => {
    const rows = plotRows(
      Float32Array.of(-1, 0, 1),
      { truth: Float32Array.of(1, 2, 3), learner: Float32Array.of(4, 5, 6), pretrained: null },
      48,
    );
    expect(rows).toEqual([
      { x: -1, truth: 1, learner: 4, pretrained: null },
      { x: 0, truth: 2, learner: 5, pretrained: null },
      { x: 1, truth: 3, learner: 6, pretrained: null },
    ]);
  });

  it('leaves a gap where a model gave no finite number, and caps wild values', () => {
    const { yCap, yRange } = plotGeometry(SINUSOID_FAMILY.window);
    const values = Float32Array.of(NaN, Infinity, -1e9, 1e9, 2.5);
    expect(plottedValue(values, 0, yCap)).toBeNull();
    expect(plottedValue(values, 1, yCap)).toBeNull();
    expect(plottedValue(values, 2, yCap)).toBe(-yCap);
    expect(plottedValue(values, 3, yCap)).toBe(yCap);
    expect(plottedValue(values, 4, yCap)).toBe(2.5);
    // Past the end of a shorter curve there is nothing to draw.
    expect(plottedValue(values, 5, yCap)).toBeNull();
    // The cap is far outside the plotted window, so a capped curve still leaves it steeply.
    expect(yCap).toBeGreaterThan(2 * Math.max(-yRange[0], yRange[1]));
  });
});

describe('the function view window', () => {
  it('for sine waves spans x in [-5, 5] with a tick per unit and y in [-6, 6] every 2', () => {
    const geometry = plotGeometry(SINUSOID_FAMILY.window);
    expect(geometry.xTicks).toEqual([-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5]);
    expect(geometry.yTicks).toEqual([-6, -4, -2, 0, 2, 4, 6]);
    expect(geometry.gridX).toHaveLength(GRID_SIZE);
    expect([geometry.gridX[0], geometry.gridX[50], geometry.gridX[100]]).toEqual([-5, 0, 5]);
  });

  it('follows another family’s window, and is made once per window', () => {
    const window = { x: [0, 2], y: [-1, 3] } as const;
    const geometry = plotGeometry(window);
    expect(geometry.xRange).toEqual([0, 2]);
    expect(geometry.gridX[0]).toBe(0);
    expect(geometry.gridX[GRID_SIZE - 1]).toBe(2);
    expect(geometry.xTicks[0]).toBe(0);
    expect(geometry.xTicks.at(-1)).toBe(2);
    expect(geometry.yTicks).toEqual([-1, 0, 1, 2, 3]);
    expect(plotGeometry(window)).toBe(geometry);
  });
});

describe('keys on a focused point', () => {
  it('move it by the small step, or the large one with Shift, up meaning larger y', () => {
    expect(pointKeyAction('ArrowLeft', false)).toEqual({ kind: 'move', dx: -KEY_STEP, dy: 0 });
    expect(pointKeyAction('ArrowRight', false)).toEqual({ kind: 'move', dx: KEY_STEP, dy: 0 });
    expect(pointKeyAction('ArrowUp', false)).toEqual({ kind: 'move', dx: 0, dy: KEY_STEP });
    expect(pointKeyAction('ArrowDown', true)).toEqual({ kind: 'move', dx: 0, dy: -KEY_STEP_LARGE });
    expect(KEY_STEP_LARGE).toBeGreaterThan(KEY_STEP);
  });

  it('remove it with Delete or Backspace and ignore every other key', () => {
    expect(pointKeyAction('Delete', false)).toEqual({ kind: 'remove' });
    expect(pointKeyAction('Backspace', true)).toEqual({ kind: 'remove' });
    expect(pointKeyAction('Enter', false)).toBeNull();
    expect(pointKeyAction('a', false)).toBeNull();
  });
});

describe('the fine-tuning step shown', () => {
  it('is step 1 until the user picks one, kept within the steps there are', () => {
    expect(OPENING_STEP).toBe(1);
    expect(shownStep(null, 10)).toBe(1);
    expect(shownStep(null, 0)).toBe(0);
    expect(shownStep(7, 10)).toBe(7);
    expect(shownStep(0, 10)).toBe(0);
    expect(shownStep(7, 5)).toBe(5);
  });

  it('picks both models’ predictions after that step from the answer', () => {
    const fits = fitsAtStep(answerWith(10), 3);
    expect(fits?.step).toBe(3);
    expect(Array.from(fits?.learner ?? [])).toEqual([3, 3]);
    expect(Array.from(fits?.pretrained ?? [])).toEqual([103, 103]);
    expect(fits?.iteration).toBe(42);
    expect(fits?.supportCount).toBe(3);
  });

  it('falls back to the last step an older answer has, and to nothing without an answer', () => {
    const fits = fitsAtStep(answerWith(5, 4), 8);
    expect(fits?.step).toBe(4);
    expect(Array.from(fits?.learner ?? [])).toEqual([4, 4]);
    expect(Array.from(fits?.pretrained ?? [])).toEqual([104, 104]);
    expect(fitsAtStep(null, 1)).toBeNull();
  });
});

describe('axis ticks', () => {
  it('write negative numbers with a real minus sign', () => {
    expect(tickLabel(-4)).toBe('\u22124');
    expect(tickLabel(0)).toBe('0');
    expect(tickLabel(2)).toBe('2');
  });
});

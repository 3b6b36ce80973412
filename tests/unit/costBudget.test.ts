/**
 * The cost budget: what the page and the runner refuse, what they say, and that everything the
 * project itself opens (presets, lessons, the defaults) fits.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, applyOverrides, type ExperimentConfig } from '../../src/core/config';
import { PRESETS, presetConfig } from '../../src/core/config/presets';
import { LESSONS } from '../../src/core/lessons/lessons';
import {
  COST_BUDGET,
  checkBudget,
  describeCost,
  exceedsBudget,
  formatBytes,
  roughDuration,
  reductionLines,
} from '../../src/core/bench/costBudget';
import { estimateCost } from '../../src/core/bench/costModel';

function configOf(...settings: string[]): ExperimentConfig {
  const { config, problems } = applyOverrides(DEFAULT_CONFIG, settings);
  expect(problems).toEqual([]);
  return config;
}

describe('the cost budget', () => {
  it('lets the defaults, every preset and every lesson run', () => {
    expect(exceedsBudget(DEFAULT_CONFIG)).toBe(false);
    for (const preset of PRESETS) {
      expect(exceedsBudget(presetConfig(preset, DEFAULT_CONFIG)), preset.id).toBe(false);
    }
    for (const lesson of LESSONS) {
      expect(exceedsBudget({ ...DEFAULT_CONFIG, ...lesson.settings }), lesson.title).toBe(false);
    }
  });

  it('refuses settings each allowed but together past the memory limit, naming what to lower', () => {
    const config = configOf('hidden=1024', 'metaBatch=256', 'shots=100', 'query=1000');
    const verdict = checkBudget(config);
    expect(verdict.estimate.totalBytes).toBeGreaterThan(COST_BUDGET.bytes);
    expect(verdict.over).toHaveLength(1);
    expect(verdict.over[0]).toMatch(
      /^It would need about \d+ GB of memory, over the limit of 2 GB\.$/,
    );
    const settings = verdict.reductions.map((r) => r.setting);
    expect(settings).toContain('metaBatch=256 (default 25)');
    expect(settings).toContain('query=1000 (default 10)');
    expect(settings).toContain('hidden=1024 (default 40,40)');
    // The one that helps most comes first, and each lowers the estimate.
    const totals = verdict.reductions.map((r) => r.estimate.totalBytes);
    expect([...totals].sort((a, b) => a - b)).toEqual(totals);
    for (const total of totals) expect(total).toBeLessThan(verdict.estimate.totalBytes);
    expect(reductionLines(verdict)[0]).toMatch(/^\w+=\S+ \(default \S+\): then about /);
  });

  it('refuses an iteration longer than a minute on its own', () => {
    // Small images, two learners, a large meta-batch of long inner loops, one task at a time.
    const config = configOf(
      'task=glyphs',
      'compare=maml,metasgd',
      'metaBatch=256',
      'innerSteps=20',
      'filters=8',
      'imageSize=8',
    );
    const verdict = checkBudget(config);
    expect(verdict.estimate.totalBytes).toBeLessThan(COST_BUDGET.bytes);
    expect(verdict.estimate.msPerIteration).toBeGreaterThan(COST_BUDGET.msPerIteration);
    expect(verdict.over).toEqual([
      expect.stringMatching(
        /^An iteration would take about .* on WASM, over the limit of 1 min\.$/,
      ),
    ]);
    expect(verdict.reductions.map((r) => r.setting)[0]).toMatch(/^(innerSteps|metaBatch)=/);
  });

  it('refuses the held-out set a link alone would have made huge (20 ways, 1,000 queries)', () => {
    const verdict = checkBudget(
      configOf('task=glyphs', 'ways=20', 'evalTasks=10000', 'evalQuery=1000'),
    );
    expect(verdict.over.length).toBeGreaterThan(0);
    expect(verdict.estimate.evaluationBytes).toBeGreaterThan(COST_BUDGET.bytes);
    // One held-out chunk's images, not all 10,000 tasks': chunks are sized by their bytes.
    expect(verdict.estimate.heldOutBytes).toBeLessThanOrEqual(64 * 2 ** 20 * 2);
  });

  it('grows each estimate with the settings that drive it', () => {
    const base = estimateCost(DEFAULT_CONFIG);
    const wider = estimateCost(configOf('hidden=80,80'));
    const longer = estimateCost(configOf('innerSteps=4'));
    const moreTasks = estimateCost(configOf('evalTasks=6000'));
    expect(wider.stepBytes).toBeGreaterThan(base.stepBytes);
    expect(wider.msPerIteration).toBeGreaterThan(base.msPerIteration);
    expect(longer.stepBytes).toBeGreaterThan(3 * base.stepBytes);
    expect(moreTasks.heldOutBytes).toBeCloseTo(10 * base.heldOutBytes, 6);
    expect(moreTasks.msPerIteration).toBe(base.msPerIteration);
  });

  it('says what a run costs in a few words', () => {
    expect(formatBytes(999)).toBe('999 bytes');
    expect(formatBytes(26_400_000)).toBe('26 MB');
    expect(formatBytes(1_460_000_000)).toBe('1.5 GB');
    expect(roughDuration(0.4)).toBe('< 1 ms');
    expect(roughDuration(3.46)).toBe('3.5 ms');
    expect(roughDuration(3200)).toBe('3.2 s');
    expect(roughDuration(90_000)).toBe('1.5 min');
    expect(roughDuration(5_040_000)).toBe('1.4 h');
    expect(describeCost(estimateCost(DEFAULT_CONFIG))).toMatch(
      /^about \d+ MB, about \d+(\.\d)? ms per iteration on WASM$/,
    );
  });
});

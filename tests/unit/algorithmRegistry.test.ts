import { describe, expect, it } from 'vitest';
import { ALGORITHMS, DEFAULT_CONFIG, applyOverrides, settingApplies } from '../../src/core/config';
import { LEARNERS, algorithmsOf, configFor, familiesOf } from '../../src/core/learners/registry';

describe('the algorithm registry', () => {
  it('describes every learner fully: a paper, a task family with an engine, the settings it reads', () => {
    expect(new Set(ALGORITHMS).size).toBe(LEARNERS.length);
    for (const info of LEARNERS) {
      expect(info.name.length).toBeGreaterThan(0);
      expect(info.reference).toMatch(/\d{4}/);
      expect(familiesOf(info.id).length).toBeGreaterThan(0);
      // A learner that differentiates through an inner loop has one, and a first-order switch.
      if (info.differentiatesInnerLoop) {
        expect(info.reads).toEqual(expect.arrayContaining(['innerSteps', 'firstOrder']));
      }
    }
  });

  it('runs the compared algorithms when there are any, else the selected one', () => {
    expect(algorithmsOf(DEFAULT_CONFIG)).toEqual(['maml']);
    const { config } = applyOverrides(DEFAULT_CONFIG, ['compare=reptile,anil']);
    expect(algorithmsOf(config)).toEqual(['reptile', 'anil']);
    const part = configFor(config, 'anil');
    expect(part.algorithm).toBe('anil');
    expect(part.compare).toEqual([]);
    expect({ ...part, algorithm: config.algorithm, compare: config.compare }).toEqual(config);
  });

  it('shows the settings of every compared algorithm and no others', () => {
    const with_ = (...pairs: string[]) => applyOverrides(DEFAULT_CONFIG, pairs).config;
    expect(settingApplies('mtlTasks', DEFAULT_CONFIG)).toBe(false);
    expect(settingApplies('mtlTasks', with_('algorithm=multitask'))).toBe(true);
    expect(settingApplies('mtlTasks', with_('compare=maml,multitask'))).toBe(true);
    expect(settingApplies('softPenalty', with_('algorithm=multitask'))).toBe(false);
    expect(settingApplies('softPenalty', with_('algorithm=multitask', 'sharing=soft'))).toBe(true);
    expect(settingApplies('firstOrder', with_('algorithm=reptile'))).toBe(false);
    expect(settingApplies('firstOrder', with_('algorithm=metasgd'))).toBe(true);
    expect(settingApplies('innerSteps', with_('algorithm=multitask'))).toBe(false);
    expect(settingApplies('innerSteps', with_('compare=multitask,reptile'))).toBe(true);
    expect(settingApplies('metaBatch', with_('algorithm=multitask'))).toBe(false);
  });
});

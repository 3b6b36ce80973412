import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, applyOverrides, parseQuery } from '../../src/core/config';

describe('settings that clash with each other', () => {
  it('refuses prototypical networks on the sinusoid task and says why', () => {
    const result = parseQuery('?task=sinusoid&algorithm=protonet');
    expect(result.config.algorithm).toBe('maml');
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.setting).toBe('algorithm');
    expect(result.problems[0]!.message).toMatch(/classification task.*using maml/);
  });

  it('keeps prototypical networks on a classification task', () => {
    const result = parseQuery('?task=glyphs&algorithm=protonet');
    expect(result.problems).toEqual([]);
    expect(result.config.algorithm).toBe('protonet');
  });

  it('keeps Omniglot support and query images within its 20 drawings', () => {
    const tooMany = parseQuery('?task=omniglot&shots=5&query=16');
    expect(tooMany.config.query).toBe(15);
    expect(tooMany.problems.map((p) => p.setting)).toEqual(['query']);
    const noQueries = parseQuery('?task=omniglot&shots=20&query=3');
    expect(noQueries.config.shots).toBe(1);
    expect(noQueries.config.query).toBe(3);
    expect(noQueries.problems.map((p) => p.setting)).toEqual(['shots']);
    expect(parseQuery('?task=omniglot&shots=10&query=10').problems).toEqual([]);
  });

  it('applies the same rules to command-line overrides', () => {
    const result = applyOverrides(DEFAULT_CONFIG, ['algorithm=protonet']);
    expect(result.config.algorithm).toBe('maml');
    expect(result.problems).toHaveLength(1);
  });
});

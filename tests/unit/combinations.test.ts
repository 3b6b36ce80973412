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

  it('refuses multi-task learning on image tasks and says why', () => {
    const result = parseQuery('?task=glyphs&algorithm=multitask');
    expect(result.config.algorithm).toBe('maml');
    expect(result.problems.map((p) => p.setting)).toEqual(['algorithm']);
    expect(result.problems[0]!.message).toMatch(/needs task=sinusoid.*using maml/);
  });

  it('drops compared algorithms the task family cannot run, naming each, and keeps the rest in order', () => {
    const sine = parseQuery('?task=sinusoid&compare=reptile,protonet,maml');
    expect(sine.config.compare).toEqual(['reptile', 'maml']);
    expect(sine.problems.map((p) => p.setting)).toEqual(['compare']);
    expect(sine.problems[0]!.message).toMatch(/Prototypical networks cannot run on sinusoid/);
    const images = parseQuery('?task=glyphs&compare=multitask,protonet,anil');
    expect(images.config.compare).toEqual(['protonet', 'anil']);
    expect(images.problems[0]!.message).toMatch(/Multi-task learning cannot run on glyphs/);
    expect(
      parseQuery('?task=glyphs&compare=maml,fomaml,reptile,metasgd,anil,protonet').problems,
    ).toEqual([]);
  });
});

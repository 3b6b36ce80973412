/**
 * Running out of memory is told apart from other failures by the messages the engines give, and
 * the message names the size settings above their defaults, the largest first.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, applyOverrides } from '../../src/core/config';
import {
  describeOutOfMemory,
  isOutOfMemory,
  outOfMemoryMessage,
  settingsToReduce,
} from '../../src/core/trainer/outOfMemory';

function configWith(...sets: string[]) {
  const { config, problems } = applyOverrides(DEFAULT_CONFIG, sets);
  expect(problems).toEqual([]);
  return config;
}

describe('isOutOfMemory', () => {
  // Messages seen from real runs that ran out of memory (WASM in Node and in the page).
  it.each([
    new RangeError('Invalid typed array length: 26214400'),
    Object.assign(new Error('memory access out of bounds'), { name: 'RuntimeError' }),
    new Error('XNN status 6'),
    new Error('Aborted(). Build with -sASSERTIONS for more info.'),
    new RangeError('Array buffer allocation failed'),
    'Out of memory',
  ])('recognises %s', (error) => {
    expect(isOutOfMemory(error)).toBe(true);
  });

  it.each([
    new TypeError("Cannot read properties of undefined (reading 'id')"),
    new Error('Size(30) must match the product of shape 2,1,3'),
    new Error('XNN status 2'),
    // A GPU reset looks the same; the run goes on elsewhere from its last state.
    new Error('WebGL context lost (CONTEXT_LOST_WEBGL)'),
  ])('does not take %s for it', (error) => {
    expect(isOutOfMemory(error)).toBe(false);
  });
});

describe('settingsToReduce', () => {
  it('names nothing at the defaults', () => {
    expect(settingsToReduce(DEFAULT_CONFIG)).toEqual([]);
    expect(settingsToReduce(configWith('metaBatch=5', 'query=2'))).toEqual([]);
  });

  it('names the settings above their defaults, the largest ratio first', () => {
    const config = configWith('metaBatch=50', 'query=1000', 'hidden=80,80');
    expect(settingsToReduce(config)).toEqual([
      'query=1000 (default 10)',
      'hidden=80,80 (default 40,40)',
      'metaBatch=50 (default 25)',
    ]);
  });

  it("names only the settings of the run's kind of task", () => {
    const sine = configWith('filters=64', 'ways=20', 'metaBatch=50');
    expect(settingsToReduce(sine)).toEqual(['metaBatch=50 (default 25)']);
    const glyphs = configWith('task=glyphs', 'filters=64', 'hidden=400');
    expect(settingsToReduce(glyphs)).toEqual(['filters=64 (default 32)']);
  });

  it('goes into one line with the iteration and the backend', () => {
    const message = outOfMemoryMessage(configWith('metaBatch=100'), 6, 'wasm');
    expect(message).toBe(
      'Out of memory at iteration 7: these settings need more memory than the wasm backend ' +
        'could get. Reduce metaBatch=100 (default 25).',
    );
    expect(outOfMemoryMessage(DEFAULT_CONFIG, 0, 'cpu')).toMatch(/try another backend\.$/);
  });
});

describe('describeOutOfMemory', () => {
  it("adds the first line of the engine's own words to the message", () => {
    const config = configWith('metaBatch=100');
    const error = new RangeError('Invalid typed array length: 26214400\n    at Float32Array');
    expect(describeOutOfMemory(config, 4, 'wasm', error)).toBe(
      `${outOfMemoryMessage(config, 4, 'wasm')} (Invalid typed array length: 26214400)`,
    );
  });
});

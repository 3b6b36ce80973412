import { describe, it, expect } from 'vitest';
import {
  ALGORITHMS,
  DEFAULT_CONFIG,
  MAX_PARAMETERS,
  MIGRATIONS,
  SCHEMA_VERSION,
  SETTINGS,
  applyOverrides,
  describeAllowed,
  findSetting,
  parseJson,
  parseQuery,
  toJson,
  toQuery,
  type ExperimentConfig,
  type ParseResult,
  type RawField,
} from '../../src/core/config';
import { upgradeFields } from '../../src/core/config/migrate';

const CUSTOM: ExperimentConfig = {
  task: 'glyphs',
  algorithm: 'protonet',
  ways: 20,
  shots: 5,
  query: 15,
  metaBatch: 4,
  innerSteps: 3,
  testInnerSteps: 0,
  innerLr: 0.05,
  metaLr: 0.0003,
  iterations: 1234,
  pretrainEvery: 3,
  firstOrder: true,
  mtlTasks: 9,
  taskNoise: 0.5,
  sharing: 'soft',
  softPenalty: 0.2,
  weighting: 'equal',
  compare: ['reptile', 'anil'],
  hidden: [64],
  activation: 'tanh',
  network: 'mlp',
  filters: 64,
  norm: 'none',
  imageSize: 8,
  rotations: false,
  seed: 4294967295,
  seeds: 7,
  evalTasks: 7,
  evalQuery: 1000,
  backend: 'webgl',
};

/** Asserts exactly one problem, about `setting`, quoting `given`; returns it. */
function onlyProblem(result: ParseResult, setting: string, given: string) {
  expect(result.problems).toHaveLength(1);
  const problem = result.problems[0]!;
  expect(problem.setting).toBe(setting);
  expect(problem.given).toBe(given);
  expect(problem.message).toContain(setting);
  expect(problem.allowed.length).toBeGreaterThan(0);
  return problem;
}

describe('settings table', () => {
  it('has unique keys, none of them the version key', () => {
    const keys = SETTINGS.map((spec) => spec.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).not.toContain('v');
    expect(keys).toEqual(Object.keys(DEFAULT_CONFIG));
  });

  it('derives the config type from the table', () => {
    // @ts-expect-error -- activation only takes the values listed in the table
    const wrong: ExperimentConfig = { ...DEFAULT_CONFIG, activation: 'sigmoid' };
    expect(wrong.activation).toBe('sigmoid');
    expect(CUSTOM.hidden).toEqual([64]);
  });

  it('has the documented defaults', () => {
    expect(DEFAULT_CONFIG).toEqual({
      task: 'sinusoid',
      algorithm: 'maml',
      ways: 5,
      shots: 10,
      query: 10,
      metaBatch: 25,
      innerSteps: 1,
      testInnerSteps: 10,
      innerLr: 0.01,
      metaLr: 0.001,
      iterations: 70000,
      pretrainEvery: 1,
      firstOrder: false,
      mtlTasks: 6,
      taskNoise: 1,
      sharing: 'hard',
      softPenalty: 0.01,
      weighting: 'uncertainty',
      compare: [],
      hidden: [40, 40],
      activation: 'relu',
      network: 'conv',
      filters: 32,
      norm: 'batch',
      imageSize: 28,
      rotations: true,
      seed: 1,
      seeds: 1,
      evalTasks: 600,
      evalQuery: 100,
      backend: 'auto',
    });
  });

  it('gives every setting a label and a one-line description', () => {
    for (const spec of SETTINGS) {
      expect(spec.label.length).toBeGreaterThan(0);
      expect(spec.description.length).toBeGreaterThan(10);
      expect(spec.description).not.toContain('\n');
    }
  });

  it('describes what is allowed', () => {
    expect(describeAllowed(findSetting('innerLr')!)).toBe('a number > 0 and <= 10');
    expect(describeAllowed(findSetting('shots')!)).toBe('a whole number from 1 to 100');
    expect(describeAllowed(findSetting('activation')!)).toBe('one of: relu, tanh');
    expect(describeAllowed(findSetting('hidden')!)).toContain(
      '0 to 4 whole numbers from 1 to 1024',
    );
    expect(findSetting('__proto__')).toBeUndefined();
    expect(findSetting('toString')).toBeUndefined();
  });

  it('keeps a migration for every version below the current one', () => {
    for (let version = 1; version < SCHEMA_VERSION; version++) {
      expect(MIGRATIONS.has(version)).toBe(true);
    }
    const fields = new Map<string, RawField>([['shots', { value: '5' }]]);
    expect(MIGRATIONS.get(1)!(fields)).toEqual(fields);
    expect(upgradeFields(fields, SCHEMA_VERSION)).toEqual(fields);
  });
});

describe('round trips', () => {
  it('writes every setting in table order with the version first', () => {
    expect(toQuery(DEFAULT_CONFIG)).toBe(
      'v=1&task=sinusoid&algorithm=maml&ways=5&shots=10&query=10&metaBatch=25&innerSteps=1' +
        '&testInnerSteps=10&innerLr=0.01&metaLr=0.001&iterations=70000&pretrainEvery=1' +
        '&firstOrder=false' +
        '&mtlTasks=6&taskNoise=1&sharing=hard&softPenalty=0.01&weighting=uncertainty&compare=none' +
        '&hidden=40,40&activation=relu&network=conv&filters=32&norm=batch&imageSize=28' +
        '&rotations=true&seed=1&seeds=1&evalTasks=600&evalQuery=100&backend=auto',
    );
    expect(Object.keys(toJson(DEFAULT_CONFIG))).toEqual(['v', ...SETTINGS.map((s) => s.key)]);
  });

  for (const [name, config] of [
    ['defaults', DEFAULT_CONFIG],
    ['a custom config', CUSTOM],
    ['a config without hidden layers', { ...CUSTOM, hidden: [], innerLr: 1e-7, metaLr: 1 }],
    ['a config with four layers', { ...DEFAULT_CONFIG, hidden: [1, 1024, 3, 7], seed: 0 }],
  ] as const) {
    it(`toQuery -> parseQuery keeps ${name}`, () => {
      const result = parseQuery(toQuery(config));
      expect(result.problems).toEqual([]);
      expect(result.config).toEqual(config);
    });

    it(`toJson -> parseJson keeps ${name}`, () => {
      const result = parseJson(toJson(config));
      expect(result.problems).toEqual([]);
      expect(result.config).toEqual(config);
    });

    it(`toJson survives JSON text for ${name}`, () => {
      const result = parseJson(JSON.parse(JSON.stringify(toJson(config))));
      expect(result.problems).toEqual([]);
      expect(result.config).toEqual(config);
    });
  }

  it('prints floats so they parse back to the identical number', () => {
    for (const innerLr of [0.1 + 0.2, 1 / 3, 5e-324, 9.999999999999998, 10]) {
      const result = parseQuery(toQuery({ ...DEFAULT_CONFIG, innerLr }));
      expect(result.problems).toEqual([]);
      expect(Object.is(result.config.innerLr, innerLr)).toBe(true);
    }
  });

  it('returns the defaults for empty input', () => {
    for (const text of ['', '?', '#', 'http://example.com/play', '/play?#']) {
      const result = parseQuery(text);
      expect(result.problems).toEqual([]);
      expect(result.config).toEqual(DEFAULT_CONFIG);
    }
  });
});

describe('parseQuery', () => {
  it('reads the query and the hash of a full link; the hash wins', () => {
    const result = parseQuery(
      'https://example.com/play/?v=1&shots=5&seed=9#shots=7&hidden=64,32&firstOrder=1',
    );
    expect(result.problems).toEqual([]);
    expect(result.config).toEqual({
      ...DEFAULT_CONFIG,
      shots: 7,
      seed: 9,
      hidden: [64, 32],
      firstOrder: true,
    });
  });

  it('reads a bare query, a query without "?" and a bare hash', () => {
    for (const text of ['?shots=5&hidden=40,40', 'shots=5', '#shots=5', '  ?shots=5\n']) {
      const result = parseQuery(text);
      expect(result.problems).toEqual([]);
      expect(result.config).toEqual({ ...DEFAULT_CONFIG, shots: 5 });
    }
  });

  it('decodes percent-encoding and "+"', () => {
    const result = parseQuery('hidden=64%2C%2032&activation=%74anh&shots=+5');
    expect(result.problems).toEqual([]);
    expect(result.config).toEqual({
      ...DEFAULT_CONFIG,
      hidden: [64, 32],
      activation: 'tanh',
      shots: 5,
    });
  });

  it('reads a list of algorithms to compare, in the order given, and "none" as no comparison', () => {
    expect(parseQuery('?compare=reptile,maml,metasgd').config.compare).toEqual([
      'reptile',
      'maml',
      'metasgd',
    ]);
    expect(parseQuery('?compare=%20anil%20,%20fomaml').config.compare).toEqual(['anil', 'fomaml']);
    expect(parseQuery('?compare=none').config.compare).toEqual([]);
    expect(parseJson({ compare: ['maml', 'reptile'] }).config.compare).toEqual(['maml', 'reptile']);
  });

  for (const [given, why] of [
    ['maml,maml', /names maml twice/],
    ['maml,,reptile', /an empty entry/],
    ['maml,SGD', /not one of the choices/],
    ['', /empty/],
    // Every algorithm and one more: longer than any list without repeats.
    [[...ALGORITHMS, 'maml'].join(','), new RegExp(`more than ${ALGORITHMS.length}`)],
  ] as const) {
    it(`refuses compare=${JSON.stringify(given)} and runs no comparison`, () => {
      const result = parseQuery(`?task=glyphs&compare=${given}`);
      expect(result.config.compare).toEqual([]);
      const problem = onlyProblem(result, 'compare', given);
      expect(problem.issue).toMatch(why);
      expect(problem.allowed).toMatch(/maml, fomaml, reptile/);
    });
  }

  it('refuses a list of algorithms that is not a list of names in JSON', () => {
    const result = parseJson({ compare: 3 });
    expect(result.config.compare).toEqual([]);
    expect(result.problems.map((p) => p.setting)).toEqual(['compare']);
  });

  it('reads "none" as an empty list of hidden layers', () => {
    expect(parseQuery('hidden=none').config.hidden).toEqual([]);
  });

  it('formats the problem message as one readable sentence', () => {
    const result = parseQuery('innerLr=abc');
    const problem = onlyProblem(result, 'innerLr', 'abc');
    expect(problem.allowed).toBe('a number > 0 and <= 10');
    expect(problem.message).toBe(
      'innerLr: "abc" is not a number; allowed: a number > 0 and <= 10; using the default 0.01',
    );
    expect(result.config).toEqual(DEFAULT_CONFIG);
  });

  const malformed: [string, string, string][] = [
    // [query, setting, given]
    ['shots=abc', 'shots', 'abc'],
    ['shots=1.5', 'shots', '1.5'],
    ['shots=0', 'shots', '0'],
    ['shots=101', 'shots', '101'],
    ['shots=', 'shots', ''],
    ['shots', 'shots', ''],
    ['shots=%20', 'shots', ' '],
    ['shots=0x10', 'shots', '0x10'],
    ['seed=-1', 'seed', '-1'],
    ['seed=4294967296', 'seed', '4294967296'],
    ['innerLr=0', 'innerLr', '0'],
    ['innerLr=-0.1', 'innerLr', '-0.1'],
    ['innerLr=10.5', 'innerLr', '10.5'],
    ['innerLr=NaN', 'innerLr', 'NaN'],
    ['innerLr=Infinity', 'innerLr', 'Infinity'],
    ['innerLr=1e999', 'innerLr', '1e999'],
    ['metaLr=-Infinity', 'metaLr', '-Infinity'],
    ['iterations=1e999', 'iterations', '1e999'],
    ['firstOrder=yes', 'firstOrder', 'yes'],
    ['firstOrder=2', 'firstOrder', '2'],
    ['firstOrder=', 'firstOrder', ''],
    ['activation=sigmoid', 'activation', 'sigmoid'],
    ['activation=RELU', 'activation', 'RELU'],
    ['task=mnist', 'task', 'mnist'],
    ['hidden=40,abc', 'hidden', '40,abc'],
    ['hidden=40,,40', 'hidden', '40,,40'],
    ['hidden=40,0', 'hidden', '40,0'],
    ['hidden=40,1025', 'hidden', '40,1025'],
    ['hidden=40.5', 'hidden', '40.5'],
    ['hidden=1,2,3,4,5', 'hidden', '1,2,3,4,5'],
    ['hidden=', 'hidden', ''],
    ['hidden=%3Cb%3E', 'hidden', '<b>'],
    ['shots=%E0%A4%A', 'shots', '%E0%A4%A'],
    ['shots=%', 'shots', '%'],
  ];
  for (const [query, setting, given] of malformed) {
    it(`falls back to the default for ${JSON.stringify(query)}`, () => {
      const result = parseQuery(query);
      const problem = onlyProblem(result, setting, given);
      expect(problem.message).toMatch(/; using the default /);
      expect(result.config).toEqual(DEFAULT_CONFIG);
    });
  }

  it('reports an unknown setting and ignores it', () => {
    const result = parseQuery('shots=5&bogus=1');
    const problem = onlyProblem(result, 'bogus', '1');
    expect(problem.message).toContain('not a known setting');
    expect(result.config).toEqual({ ...DEFAULT_CONFIG, shots: 5 });
  });

  it('suggests the right spelling for a wrongly capitalised name', () => {
    const problem = onlyProblem(parseQuery('Shots=5'), 'Shots', '5');
    expect(problem.message).toContain('did you mean shots?');
  });

  it('reports a duplicate once and lets the last value win', () => {
    const result = parseQuery('shots=5&seed=3&shots=7');
    const problem = onlyProblem(result, 'shots', '5');
    expect(problem.message).toContain('set 2 times');
    expect(result.config).toEqual({ ...DEFAULT_CONFIG, shots: 7, seed: 3 });
  });

  it('applies the last duplicate even when it is bad', () => {
    const result = parseQuery('shots=5&shots=x');
    expect(result.problems.map((p) => p.setting)).toEqual(['shots', 'shots']);
    expect(result.config.shots).toBe(10);
  });

  it('rejects an over-long value and reports it shortened', () => {
    const long = '1'.repeat(201);
    const result = parseQuery(`shots=${long}&seed=2`);
    const problem = result.problems[0]!;
    expect(result.problems).toHaveLength(1);
    expect(problem.setting).toBe('shots');
    expect(problem.given.length).toBeLessThanOrEqual(41);
    expect(problem.given.startsWith('1111')).toBe(true);
    expect(problem.message).toContain('too long');
    expect(result.config).toEqual({ ...DEFAULT_CONFIG, seed: 2 });
  });

  it('accepts a value of exactly 200 characters as text to check', () => {
    const result = parseQuery(`task=${'a'.repeat(200)}`);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.given).toBe('a'.repeat(200));
  });

  it('rejects an over-long setting name and reports it shortened', () => {
    const result = parseQuery(`${'k'.repeat(300)}=1&shots=4`);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.setting.length).toBeLessThanOrEqual(41);
    expect(result.problems[0]!.message).toContain('too long');
    expect(result.config).toEqual({ ...DEFAULT_CONFIG, shots: 4 });
  });

  it('reads only the first 100 parameters and reports the rest once', () => {
    const pairs = Array.from({ length: 150 }, (_, i) => `seed=${i}`);
    const result = parseQuery(pairs.join('&'));
    const tooMany = result.problems.filter((p) => p.message.includes('more than 100'));
    expect(tooMany).toHaveLength(1);
    expect(result.config.seed).toBe(MAX_PARAMETERS - 1);
  });

  it('reports a malformed setting name without throwing', () => {
    const result = parseQuery('sh%ZZots=5&seed=2');
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.setting).toBe('sh%ZZots');
    expect(result.config).toEqual({ ...DEFAULT_CONFIG, seed: 2 });
  });

  it('reports a newer version and reads the settings anyway', () => {
    const result = parseQuery('v=2&shots=5');
    const problem = onlyProblem(result, 'v', '2');
    expect(problem.message).toContain('newer');
    expect(result.config).toEqual({ ...DEFAULT_CONFIG, shots: 5 });
  });

  for (const version of ['0', 'abc', '1.5', '', '-1']) {
    it(`reports the unknown version ${JSON.stringify(version)} and reads the settings anyway`, () => {
      const result = parseQuery(`v=${version}&shots=5`);
      onlyProblem(result, 'v', version);
      expect(result.config).toEqual({ ...DEFAULT_CONFIG, shots: 5 });
    });
  }

  it('keeps the given text as plain text', () => {
    const result = parseQuery('activation=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E');
    onlyProblem(result, 'activation', '<img src=x onerror=alert(1)>');
  });
});

describe('pathological input', () => {
  const inputs: [string, number][] = [
    // [input, number of problems]
    ['x'.repeat(100_000), 1],
    [`shots=${'9'.repeat(100_000)}`, 1],
    ['&'.repeat(100_000), 0],
    ['a=1&'.repeat(25_000), 2],
    ['%E0%A4%A', 1],
    ['&&&==', 1],
    ['=', 1],
    ['?#?#', 1],
    ['%', 1],
    ['__proto__=1', 1],
    ['constructor=1', 1],
    ['toString=x', 1],
    ['__proto__[polluted]=1&constructor[prototype][polluted]=1', 2],
    ['hasOwnProperty=1&valueOf=2', 2],
    ['\u0000=\u0000', 1],
    ['\ud800=\udfff', 1],
  ];
  for (const [input, count] of inputs) {
    it(`survives ${JSON.stringify(input.slice(0, 30))} (${input.length} chars)`, () => {
      const result = parseQuery(input);
      expect(result.config).toEqual(DEFAULT_CONFIG);
      expect(result.problems).toHaveLength(count);
      for (const problem of result.problems) {
        expect(problem.given.length).toBeLessThanOrEqual(200);
        expect(problem.setting.length).toBeLessThanOrEqual(200);
        expect(problem.message.length).toBeLessThan(400);
      }
    });
  }

  it('does not pollute any prototype or add own properties', () => {
    const results = [
      parseQuery('__proto__=1&constructor=1&toString=x'),
      parseJson(JSON.parse('{"__proto__": {"polluted": 1}, "constructor": 1, "toString": "x"}')),
      applyOverrides(DEFAULT_CONFIG, ['__proto__=1', 'constructor=1', 'toString=x']),
    ];
    for (const result of results) {
      expect(result.problems).toHaveLength(3);
      expect(result.config).toEqual(DEFAULT_CONFIG);
      expect(Object.keys(result.config)).toEqual(Object.keys(DEFAULT_CONFIG));
      expect(Object.getPrototypeOf(result.config)).toBe(Object.prototype);
      expect(Object.hasOwn(result.config, 'constructor')).toBe(false);
      expect(Object.hasOwn(result.config, 'toString')).toBe(false);
    }
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('never throws for odd JSON values', () => {
    const odd: unknown[] = [
      null,
      undefined,
      42,
      'shots=5',
      [1, 2],
      () => 1,
      { shots: { nested: true } },
      { shots: [5] },
      { hidden: [[40]] },
      { hidden: new Array(1e6) },
      { shots: Symbol('x'), seed: 10n },
      {
        get shots(): number {
          throw new Error('boom');
        },
      },
    ];
    for (const value of odd) {
      const result = parseJson(value);
      expect(result.config).toEqual(DEFAULT_CONFIG);
      expect(result.problems.length).toBeGreaterThan(0);
    }
  });

  it('reports a cyclic object readably', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    const result = parseJson({ hidden: cyclic });
    onlyProblem(result, 'hidden', '(an unreadable object)');
  });
});

describe('parseJson', () => {
  it('accepts numbers, booleans, arrays and unambiguous strings', () => {
    const result = parseJson({
      v: '1',
      shots: '5',
      innerLr: 0.05,
      firstOrder: 'true',
      hidden: '64,32',
      seed: 4294967295,
      activation: 'tanh',
      evalTasks: 1e3,
    });
    expect(result.problems).toEqual([]);
    expect(result.config).toEqual({
      ...DEFAULT_CONFIG,
      shots: 5,
      innerLr: 0.05,
      firstOrder: true,
      hidden: [64, 32],
      seed: 4294967295,
      activation: 'tanh',
      evalTasks: 1000,
    });
    expect(parseJson({ hidden: [] }).config.hidden).toEqual([]);
    expect(parseJson({ hidden: 64 }).config.hidden).toEqual([64]);
    expect(parseJson({ hidden: ['8', 16] }).config.hidden).toEqual([8, 16]);
    expect(parseJson({ firstOrder: 1 }).config.firstOrder).toBe(true);
  });

  const malformed: [Record<string, unknown>, string, string][] = [
    [{ shots: true }, 'shots', 'true'],
    [{ shots: 1.5 }, 'shots', '1.5'],
    [{ shots: null }, 'shots', 'null'],
    [{ shots: Number.NaN }, 'shots', 'NaN'],
    [{ innerLr: Number.POSITIVE_INFINITY }, 'innerLr', 'Infinity'],
    [{ innerLr: 0 }, 'innerLr', '0'],
    [{ firstOrder: 'yes' }, 'firstOrder', 'yes'],
    [{ firstOrder: 2 }, 'firstOrder', '2'],
    [{ activation: 1 }, 'activation', '1'],
    [{ hidden: [40, 'x'] }, 'hidden', '[40,"x"]'],
    [{ hidden: [1, 2, 3, 4, 5] }, 'hidden', '[1,2,3,4,5]'],
    [{ hidden: [0] }, 'hidden', '[0]'],
    [{ hidden: { 0: 40 } }, 'hidden', '{"0":40}'],
    [{ hidden: '' }, 'hidden', ''],
    [{ v: 99 }, 'v', '99'],
    [{ v: 'one' }, 'v', 'one'],
    [{ shot: 5 }, 'shot', '5'],
  ];
  for (const [value, setting, given] of malformed) {
    it(`reports ${setting} given ${given}`, () => {
      const result = parseJson(value);
      onlyProblem(result, setting, given);
      expect(result.config).toEqual(DEFAULT_CONFIG);
    });
  }

  it('rejects an over-long string and too many keys', () => {
    const long = parseJson({ task: 's'.repeat(5000) });
    onlyProblem(long, 'task', `${'s'.repeat(40)}…`);
    const many = parseJson(Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, i])));
    expect(many.problems.filter((p) => p.setting === '(input)')).toHaveLength(1);
    expect(many.problems).toHaveLength(101); // 100 unknown names + the limit
  });

  it('reports a non-object input once', () => {
    const result = parseJson([1, 2]);
    onlyProblem(result, '(input)', '[1,2]');
  });
});

describe('applyOverrides', () => {
  it('changes only the given settings and keeps the base for the rest', () => {
    const result = applyOverrides(CUSTOM, ['shots=7', 'hidden=32,32', 'firstOrder=false']);
    expect(result.problems).toEqual([]);
    expect(result.config).toEqual({ ...CUSTOM, shots: 7, hidden: [32, 32], firstOrder: false });
    expect(CUSTOM.shots).toBe(5);
  });

  it('keeps the base value for a bad override and says so', () => {
    const result = applyOverrides(CUSTOM, ['shots=abc', 'seed=3']);
    const problem = onlyProblem(result, 'shots', 'abc');
    expect(problem.message).toMatch(/; keeping the current value 5$/);
    expect(result.config).toEqual({ ...CUSTOM, seed: 3 });
  });

  it('reports a pair without "=" and ignores it', () => {
    const result = applyOverrides(CUSTOM, ['shots', 'seed=3']);
    const problem = onlyProblem(result, 'shots', 'shots');
    expect(problem.message).toContain('key=value');
    expect(result.config).toEqual({ ...CUSTOM, seed: 3 });
  });

  it('takes values literally and tolerates spaces around them', () => {
    const result = applyOverrides(DEFAULT_CONFIG, [
      ' shots = 5 ',
      'hidden=10, 20',
      'task=%73inusoid',
    ]);
    onlyProblem(result, 'task', '%73inusoid');
    expect(result.config).toEqual({ ...DEFAULT_CONFIG, shots: 5, hidden: [10, 20] });
  });

  it('reports duplicates and lets the last one win', () => {
    const result = applyOverrides(DEFAULT_CONFIG, ['seed=1', 'seed=2']);
    onlyProblem(result, 'seed', '1');
    expect(result.config.seed).toBe(2);
  });

  it('returns a copy that does not share lists with the base', () => {
    const result = applyOverrides(CUSTOM, []);
    expect(result.config).toEqual(CUSTOM);
    expect(result.config.hidden).not.toBe(CUSTOM.hidden);
  });
});

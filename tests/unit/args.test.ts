import { describe, expect, it } from 'vitest';
import {
  NODE_BACKENDS,
  USAGE,
  nodeBackendFor,
  parseArgs,
  type ArgsResult,
  type RunnerArgs,
} from '../../src/cli/args';
import { formatDuration } from '../../src/cli/progress';

/** The parsed arguments of a result that must be ok. */
function accepted(result: ArgsResult): RunnerArgs {
  if (!result.ok) throw new Error(`expected the arguments to be accepted, got: ${result.message}`);
  return result.args;
}

/** The message of a result that must be an error. */
function rejected(result: ArgsResult): string {
  if (result.ok)
    throw new Error(`expected the arguments to be rejected: ${JSON.stringify(result)}`);
  expect(result.message.length).toBeGreaterThan(0);
  return result.message;
}

describe('parseArgs', () => {
  it('gives defaults for no arguments', () => {
    expect(accepted(parseArgs([]))).toEqual({
      url: null,
      sets: [],
      backend: null,
      out: null,
      data: [],
      save: null,
      saveState: null,
      resume: null,
      exportPytorch: null,
      force: false,
      help: false,
    });
  });

  it('reads every flag with its value as the next argument', () => {
    const args = accepted(
      parseArgs([
        '--url',
        'http://localhost:5173/?v=1&shots=3',
        '--set',
        'innerLr=0.02',
        '--backend',
        'cpu',
        '--out',
        'results.json',
        '--data',
        'images_background.zip',
        '--data',
        'all_runs.zip',
        '--save',
        'checkpoint.json',
        '--save-state',
        'state.json',
        '--resume',
        'earlier.json',
        '--export-pytorch',
        'experiment.py',
      ]),
    );
    expect(args).toEqual({
      url: 'http://localhost:5173/?v=1&shots=3',
      sets: ['innerLr=0.02'],
      backend: 'cpu',
      out: 'results.json',
      data: ['images_background.zip', 'all_runs.zip'],
      save: 'checkpoint.json',
      saveState: 'state.json',
      resume: 'earlier.json',
      exportPytorch: 'experiment.py',
      force: false,
      help: false,
    });
  });

  it('reads every flag with its value after "=", keeping any later "=" in the value', () => {
    const args = accepted(
      parseArgs([
        '--url=http://localhost/?shots=3&hidden=8,8#seed=2',
        '--set=hidden=64,64',
        '--backend=cpu',
        '--out=out/run=1.json',
      ]),
    );
    expect(args.url).toBe('http://localhost/?shots=3&hidden=8,8#seed=2');
    expect(args.sets).toEqual(['hidden=64,64']);
    expect(args.backend).toBe('cpu');
    expect(args.out).toBe('out/run=1.json');
    expect(args.help).toBe(false);
  });

  it('accepts flags in any order', () => {
    const args = accepted(parseArgs(['--out', 'a.json', '--set', 'shots=2', '--url', '?shots=1']));
    expect(args.out).toBe('a.json');
    expect(args.sets).toEqual(['shots=2']);
    expect(args.url).toBe('?shots=1');
  });

  it('keeps repeated --set values in the order given, duplicates included', () => {
    const args = accepted(
      parseArgs(['--set', 'shots=5', '--set=metaBatch=4', '--url', '?x=1', '--set', 'shots=7']),
    );
    expect(args.sets).toEqual(['shots=5', 'metaBatch=4', 'shots=7']);
  });

  it('passes --set text through unchecked (settings are checked later)', () => {
    const args = accepted(parseArgs(['--set', 'noSuchSetting', '--set', 'shots=abc']));
    expect(args.sets).toEqual(['noSuchSetting', 'shots=abc']);
  });

  it('accepts every listed backend', () => {
    expect(NODE_BACKENDS).toEqual(['wasm', 'cpu']);
    for (const backend of NODE_BACKENDS) {
      expect(accepted(parseArgs(['--backend', backend])).backend).toBe(backend);
      expect(accepted(parseArgs([`--backend=${backend}`])).backend).toBe(backend);
    }
  });

  it.each([['--frob'], ['--frob=1'], ['-x'], ['results.json'], ['--urls'], ['--help=yes']])(
    'rejects the unknown argument %s, naming it',
    (flag) => {
      const message = rejected(parseArgs(['--set', 'shots=5', flag]));
      expect(message).toContain(flag);
    },
  );

  it.each([['--url'], ['--set'], ['--backend'], ['--out']])(
    'rejects %s with an empty value, or with the next flag where its value should be',
    (flag) => {
      for (const argv of [[flag, ''], [`${flag}=`], [flag, '--help'], [flag, '--out', 'x.json']]) {
        const message = rejected(parseArgs(argv));
        expect(message).toBe(`${flag} needs a value.`);
      }
    },
  );

  it.each([['--url'], ['--set'], ['--backend'], ['--out']])(
    'rejects %s without a value, naming the flag',
    (flag) => {
      const message = rejected(parseArgs(['--set', 'shots=5', flag]));
      expect(message).toContain(flag);
      expect(message).toMatch(/value/);
    },
  );

  it.each([['webgl'], ['webgpu'], ['tensorflow']])(
    'rejects the backend "%s", naming it and the allowed backends',
    (backend) => {
      for (const argv of [['--backend', backend], [`--backend=${backend}`]]) {
        const message = rejected(parseArgs(argv));
        expect(message).toContain(`"${backend}"`);
        for (const allowed of NODE_BACKENDS) expect(message).toContain(allowed);
      }
    },
  );

  it('recognises --help and -h alone or among other flags', () => {
    expect(accepted(parseArgs(['--help'])).help).toBe(true);
    expect(accepted(parseArgs(['-h'])).help).toBe(true);
    const args = accepted(parseArgs(['--set', 'shots=3', '--help', '--backend', 'cpu']));
    expect(args.help).toBe(true);
    expect(args.sets).toEqual(['shots=3']);
    expect(args.backend).toBe('cpu');
  });

  it('does not modify the argument list it is given', () => {
    const argv = Object.freeze(['--set', 'shots=3', '--out=r.json']);
    accepted(parseArgs(argv));
    expect(argv).toEqual(['--set', 'shots=3', '--out=r.json']);
  });
});

describe('USAGE', () => {
  it('names every flag, the backends and the exit codes', () => {
    for (const flag of ['--url', '--set', '--backend', '--out']) expect(USAGE).toContain(flag);
    for (const backend of NODE_BACKENDS) expect(USAGE).toContain(backend);
    expect(USAGE).toMatch(/0 done/);
    expect(USAGE).toMatch(/2 bad arguments/);
    expect(USAGE).toMatch(/3 training diverged/);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [0.4, '0s'],
    [0.5, '1s'],
    [1, '1s'],
    [59, '59s'],
    [59.4, '59s'],
  ])('shows %s seconds under a minute as whole seconds: %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it.each([
    [59.5, '1m00s'],
    [60, '1m00s'],
    [61, '1m01s'],
    [90, '1m30s'],
    [600, '10m00s'],
    [3599, '59m59s'],
  ])('shows %s seconds under an hour as minutes and two-digit seconds: %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it.each([
    [3599.5, '1h00m'],
    [3600, '1h00m'],
    [3659, '1h00m'],
    [3661, '1h01m'],
    [7325, '2h02m'],
    [36000, '10h00m'],
    [100 * 3600 + 59 * 60, '100h59m'],
  ])('shows %s seconds from an hour on as hours and two-digit minutes: %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it.each([[Infinity], [-Infinity], [NaN]])('shows %s as "?"', (seconds) => {
    expect(formatDuration(seconds)).toBe('?');
  });
});

describe('nodeBackendFor', () => {
  it('maps the settings backend to what Node has: auto is wasm, browser-only ones are null', () => {
    expect(nodeBackendFor('auto')).toBe('wasm');
    expect(nodeBackendFor('wasm')).toBe('wasm');
    expect(nodeBackendFor('cpu')).toBe('cpu');
    expect(nodeBackendFor('webgl')).toBeNull();
    expect(nodeBackendFor('webgpu')).toBeNull();
  });
});

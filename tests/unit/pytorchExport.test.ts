/**
 * The PyTorch export's generator: what it refuses, that the settings reach the script, that every
 * exported learner's script compiles, and that the script's random streams are the playground's.
 * None of this needs PyTorch; the compile and stream checks need python3 and say so when it is
 * missing.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toJson, type ExperimentConfig } from '../../src/core/config';
import { pytorchScript } from '../../src/core/export/pytorchScript';
import { EXPORTED_ALGORITHMS } from '../../src/core/export/refusal';
import { PYTHON_RANDOM } from '../../src/core/export/pythonRandom';
import { pythonLiteral } from '../../src/core/export/pythonLiteral';
import { createRng } from '../../src/core/random/rng';
import { runCli } from '../helpers/runCli';
import { pythonMissing, runPython } from '../helpers/python';
import { configWith } from '../helpers/sessions';

const EXIT_BAD_INPUT = 2;
const noPython = pythonMissing();
const folder = mkdtempSync(join(tmpdir(), 'pytorch-export-'));

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

function scriptText(config: ExperimentConfig): string {
  const script = pytorchScript(config);
  if (!script.ok) throw new Error(`expected a script, got the refusal: ${script.reason}`);
  return script.text;
}

describe('pytorchScript refuses what the script cannot honour', () => {
  it.each([
    [['task=glyphs'], 'glyphs'],
    [['task=lines'], 'lines'],
    [['algorithm=mamlpp'], 'mamlpp'],
    [['algorithm=multitask'], 'multitask'],
    [['compare=maml,reptile'], 'compare=maml,reptile'],
    [['seeds=3'], 'seeds=3'],
  ])('%j, naming %s', (sets, named) => {
    const script = pytorchScript(configWith(...sets));
    expect(script.ok).toBe(false);
    if (!script.ok) expect(script.reason).toContain(named);
  });
});

describe('pytorchScript writes the settings', () => {
  const sets = [
    'algorithm=metasgd',
    'innerLr=0.05',
    'metaLr=0.002',
    'metaBatch=7',
    'shots=4',
    'query=6',
    'innerSteps=3',
    'testInnerSteps=12',
    'hidden=8,16',
    'activation=tanh',
    'firstOrder=true',
    'pretrainEvery=2',
    'seed=42',
    'evalTasks=33',
    'evalQuery=21',
    'iterations=1234',
  ];

  it('as constants at the top, and every setting in CONFIG as the results file records them', () => {
    const config = configWith(...sets);
    const text = scriptText(config);
    for (const line of [
      'ALGORITHM = "metasgd"',
      'INNER_LR = 0.05',
      'META_LR = 0.002',
      'META_BATCH = 7',
      'SHOTS = 4',
      'QUERY = 6',
      'INNER_STEPS = 3',
      'TEST_INNER_STEPS = 12',
      'HIDDEN = [8, 16]',
      'ACTIVATION = "tanh"',
      'FIRST_ORDER = True',
      'PRETRAIN_EVERY = 2',
      'SEED = 42',
      'EVAL_TASKS = 33',
      'EVAL_QUERY = 21',
      'ITERATIONS = 1234',
    ]) {
      expect(text.split('\n')).toContain(line);
    }
    expect(text).toContain(`CONFIG = ${pythonLiteral(toJson(config))}`);
  });

  it.skipIf(noPython !== null)(
    `whose CONFIG reads back in Python as the settings' JSON${noPython ? ` (skipped: ${noPython})` : ''}`,
    () => {
      const config = configWith(...sets);
      const configLine = scriptText(config)
        .split('\n')
        .find((line) => line.startsWith('CONFIG = '))!;
      const run = runPython(['-c', `import json\n${configLine}\nprint(json.dumps(CONFIG))`]);
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual(toJson(config));
    },
  );
});

describe('pytorchScript on Omniglot', () => {
  it('writes the network and task settings as constants, and the zips as arguments', () => {
    const text = scriptText(
      configWith(
        'task=omniglot',
        'algorithm=protonet',
        'network=mlp',
        'hidden=64,32',
        'filters=16',
        'norm=none',
        'imageSize=20',
        'ways=7',
        'rotations=true',
      ),
    );
    for (const line of [
      'ALGORITHM = "protonet"',
      'NETWORK = "mlp"',
      'HIDDEN = [64, 32]',
      'FILTERS = 16',
      'NORM = "none"',
      'IMAGE_SIZE = 20',
      'WAYS = 7',
      'ROTATIONS = True',
    ]) {
      expect(text.split('\n')).toContain(line);
    }
    expect(text).toContain('--omniglot');
    expect(text).toContain('--one-shot-runs');
  });

  it('refuses the built-in glyphs, pointing to Omniglot', () => {
    const script = pytorchScript(configWith('task=glyphs'));
    expect(script.ok).toBe(false);
    if (!script.ok) expect(script.reason).toContain('task=omniglot');
  });
});

describe('pythonLiteral', () => {
  it('writes JSON values as Python literals', () => {
    expect(pythonLiteral({ a: [true, false, null], b: 'say "hi"\\', c: 1e-7 })).toBe(
      '{"a": [True, False, None], "b": "say \\"hi\\"\\\\", "c": 1e-7}',
    );
  });

  it('refuses a number Python would read as a name', () => {
    expect(() => pythonLiteral(NaN)).toThrow();
  });
});

describe.skipIf(noPython !== null)(
  `the exported script under python3${noPython ? ` (skipped: ${noPython})` : ''}`,
  () => {
    // Prototypical networks run on image tasks only.
    const scripts = [
      ...EXPORTED_ALGORITHMS.filter((a) => a !== 'protonet').map((a) => [`algorithm=${a}`]),
      ...EXPORTED_ALGORITHMS.map((a) => ['task=omniglot', `algorithm=${a}`]),
      ['task=omniglot', 'network=mlp'],
      ['task=omniglot', 'norm=none'],
    ];
    it.each(scripts.map((sets) => [sets.join(' '), sets]))('compiles for %s', (name, sets) => {
      const path = join(folder, `${name.replace(/[^a-z0-9]+/gi, '-')}.py`);
      const text = scriptText(configWith(...sets));
      const run = runPython(
        ['-c', 'import sys; compile(sys.stdin.read(), sys.argv[1], "exec")', path],
        text,
      );
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    });

    it("draws the playground's random streams", () => {
      const streams: [number, string][] = [
        [1, 'tasks'],
        [0, 'init'],
        [4294967295, 'evaluation'],
      ];
      const program = `${PYTHON_RANDOM}
for seed, stream in ${JSON.stringify(streams)}:
    rng = create_rng(seed, stream)
    print(" ".join(repr(rng.uniform(-5.0, 5.0)) for _ in range(1000)))
`;
      const run = runPython(['-'], program);
      expect(run.stderr).toBe('');
      const lines = run.stdout.trim().split('\n');
      streams.forEach(([seed, stream], i) => {
        const rng = createRng(seed, stream);
        const expected = Array.from({ length: 1000 }, () => rng.uniform(-5, 5));
        expect(lines[i]!.split(' ').map(Number)).toEqual(expected);
      });
    });
  },
);

describe('the runner’s --export-pytorch', () => {
  it('writes the script for the settings and trains nothing', () => {
    const path = join(folder, 'runner.py');
    const run = runCli(['--set', 'innerLr=0.02', '--set', 'seed=5', '--export-pytorch', path]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`PyTorch script written to ${path}`);
    expect(run.stderr).not.toContain('Backend:');
    expect(readFileSync(path, 'utf8')).toBe(scriptText(configWith('innerLr=0.02', 'seed=5')));
  });

  it('writes an Omniglot script and says that it reads the Omniglot zips', () => {
    const path = join(folder, 'omniglot.py');
    const run = runCli([
      '--set',
      'task=omniglot',
      '--set',
      'algorithm=protonet',
      '--export-pytorch',
      path,
    ]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(
      `python3 ${path} --omniglot images_background.zip --out results.json`,
    );
    expect(readFileSync(path, 'utf8')).toBe(
      scriptText(configWith('task=omniglot', 'algorithm=protonet')),
    );
  });

  it('refuses settings the script cannot honour, with the reason, and writes nothing', () => {
    const path = join(folder, 'refused.py');
    const run = runCli(['--set', 'task=glyphs', '--export-pytorch', path]);
    expect(run.status).toBe(EXIT_BAD_INPUT);
    expect(run.stderr).toContain('glyphs');
    expect(run.stderr).toContain('Nothing was written.');
    expect(existsSync(path)).toBe(false);
  });
});

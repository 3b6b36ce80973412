import { parseArgs as parseArgsUtil } from 'node:util';

/** Command-line arguments of the experiment runner, checked without trusting any of them. */
export interface RunnerArgs {
  readonly url: string | null;
  readonly sets: string[];
  /** Null when not given: the settings' backend decides (see nodeBackendFor). */
  readonly backend: NodeBackend | null;
  readonly out: string | null;
  /** Omniglot zips for task=omniglot: background or evaluation alphabets, or the one-shot runs. */
  readonly data: string[];
  /** Where to write the run's checkpoint when training ends, to resume it later. */
  readonly save: string | null;
  /** Where to write a starting state (lean: no optimiser moments; with the curves so far). */
  readonly saveState: string | null;
  /** A checkpoint to continue, with its own settings. */
  readonly resume: string | null;
  /** Write the experiment as a PyTorch script there and train nothing. */
  readonly exportPytorch: string | null;
  /** Run even when the estimated cost is over the budget. */
  readonly force: boolean;
  readonly help: boolean;
}

export const NODE_BACKENDS = ['wasm', 'cpu'] as const;
export type NodeBackend = (typeof NODE_BACKENDS)[number];

export type ArgsResult = { ok: true; args: RunnerArgs } | { ok: false; message: string };

export const USAGE = `Usage: npm run experiment -- [--url '<shared link or its query string>'] [--set key=value ...]
                              [--backend wasm|cpu] [--out results.json] [--data omniglot.zip ...]
                              [--save checkpoint.json] [--save-state state.json]
                              [--resume checkpoint.json] [--force]
                              [--export-pytorch experiment.py]

Meta-trains the chosen algorithm (MAML by default) on the chosen task family with its two
baselines, then evaluates adaptation on held-out tasks. task=omniglot reads Omniglot zips given
with --data (repeatable): alphabet archives (images_background*.zip, images_evaluation.zip) to
train and test on, and all_runs.zip to also score the 20 standard 20-way one-shot runs. The settings are the playground's: --url takes a shared link ('?lesson=N' alone opens
lesson N's settings, as the page does), --set overrides one setting (repeatable; applied after
--url). Progress goes to stderr; the results (JSON) go to --out,
or to stdout without it. --backend defaults to the settings' backend where Node has it (auto
means wasm). --save writes the whole training state when training ends (settings, iteration,
parameters, optimiser state, random streams); --resume continues such a checkpoint exactly, with
its own settings (only --set iterations=N may extend it). --save-state writes a starting state, as
the page's lessons open from: parameters, random streams and the training curves so far, without
the optimiser's moments (a third of the size; training on from it restarts Adam). --set seeds=N
(1 to 20) runs the experiment with seeds seed, seed + 1, ..., one after another, and reports the
held-out figures as the mean over seeds with a 95% interval across seeds (Student's t), each seed's
own run kept in the results' seedRuns; a run of several seeds takes no --save, --save-state or
--resume. Output paths are
checked before training; a file that could not be written at the end is kept in the temporary
folder, named in the message. The run's memory and time per iteration are estimated from its
settings first; a run over the budget (2 GB, or a minute per iteration on WASM) is refused,
naming the settings to lower, unless --force is given. Exit codes: 0 done, 2 bad arguments,
settings or files, or over the budget, 3 training diverged, 4 out of memory, 5 another failure
(the results so far are written, with the reason).
--export-pytorch writes the experiment as one Python file that runs it with PyTorch (a GPU when
present; data-parallel over tasks with torchrun) and trains nothing here; settings it cannot
honour are refused with the reason (exit code 2).`;

/** The Node backend a settings' `backend` asks for: 'auto' means wasm; browser-only ones give null. */
export function nodeBackendFor(setting: string): NodeBackend | null {
  if (setting === 'auto') return 'wasm';
  return isBackend(setting) ? setting : null;
}

function isBackend(value: string): value is NodeBackend {
  return (NODE_BACKENDS as readonly string[]).includes(value);
}

/** The runner's options, for node:util's parser: every one but --help and --force takes a value. */
const OPTIONS = {
  url: { type: 'string' },
  set: { type: 'string', multiple: true },
  backend: { type: 'string' },
  out: { type: 'string' },
  data: { type: 'string', multiple: true },
  save: { type: 'string' },
  'save-state': { type: 'string' },
  resume: { type: 'string' },
  'export-pytorch': { type: 'string' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type OptionName = keyof typeof OPTIONS;

function isOption(name: string): name is OptionName {
  return Object.hasOwn(OPTIONS, name);
}

/**
 * Reads the runner's arguments with node:util's `parseArgs`, in its lenient mode so that every
 * complaint can name the argument exactly as it was typed.
 */
export function parseArgs(argv: readonly string[]): ArgsResult {
  const { tokens } = parseArgsUtil({
    args: [...argv],
    options: OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  let url: string | null = null;
  let out: string | null = null;
  let save: string | null = null;
  let saveState: string | null = null;
  let resume: string | null = null;
  let exportPytorch: string | null = null;
  let backend: NodeBackend | null = null;
  let help = false;
  let force = false;
  const sets: string[] = [];
  const data: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    const typed = argv[token.index]!;
    if (token.kind === 'positional' || !isOption(token.name)) {
      return { ok: false, message: `Unknown argument "${typed}".` };
    }
    if (token.name === 'help' || token.name === 'force') {
      if (token.value !== undefined) return { ok: false, message: `Unknown argument "${typed}".` };
      if (token.name === 'help') help = true;
      else force = true;
      continue;
    }
    const { value, inlineValue } = token;
    // A following flag is not a value: "--out --backend cpu" lacks the file name.
    if (value === undefined || value === '' || (!inlineValue && value.startsWith('--'))) {
      return { ok: false, message: `${token.rawName} needs a value.` };
    }
    if (token.name === 'url') url = value;
    else if (token.name === 'set') sets.push(value);
    else if (token.name === 'out') out = value;
    else if (token.name === 'data') data.push(value);
    else if (token.name === 'save') save = value;
    else if (token.name === 'save-state') saveState = value;
    else if (token.name === 'resume') resume = value;
    else if (token.name === 'export-pytorch') exportPytorch = value;
    else if (isBackend(value)) backend = value;
    else {
      return {
        ok: false,
        message: `--backend: "${value}" is not available here; allowed: ${NODE_BACKENDS.join(', ')}.`,
      };
    }
  }
  return {
    ok: true,
    args: { url, sets, backend, out, data, save, saveState, resume, exportPytorch, force, help },
  };
}

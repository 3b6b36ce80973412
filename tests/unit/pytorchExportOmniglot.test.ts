/**
 * The exported script's Omniglot data (PYTHON_OMNIGLOT) against the playground's own pipeline on
 * the same zips and seed: the same classes, and meta-batches and held-out tasks with every label
 * and every pixel equal. Exactly equal, not close: both resample in float64 with the same weights,
 * summed in the same order, and round to float32 once (src/core/data/resample.ts), then invert in
 * float64 and round again, so no operation differs. (Resampling in float32 instead changes 1,620
 * to 224,703 pixels of these batches; reversing the order of a float64 sum changes none, since
 * rounding to float32 absorbs its last bits.) The real archives are ../shared/data/omniglot (not
 * part of the repository); the PNG and refusal cases build their own zips. Needs python3 with
 * PyTorch and skips, saying why, without it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../../src/core/config';
import { DatasetLibrary } from '../../src/core/datasets/library';
import { DataError } from '../../src/core/data/errors';
import { decodePng } from '../../src/core/data/png';
import { classificationFamily } from '../../src/core/families/registry';
import { createRng } from '../../src/core/random/rng';
import type { ClassificationBatch, ClassSources } from '../../src/core/classification/types';
import {
  oneShotRunsBatch,
  type OneShotRunsBatch,
} from '../../src/core/classification/samplingOneShotRuns';
import { evaluationQueries } from '../../src/core/trainer/classification/specs';
import { classificationStream, heldOutTasks } from '../../src/core/trainer/classification/stream';
import { pythonMissing, type PythonRun } from '../helpers/python';
import { alphabetsZip, bandDrawing, zip } from '../helpers/omniglotFixtures';
import { CHANNELS, encodePng, type ColourType, type PngSpec } from '../helpers/imageFixtures';
import { encodeAdam7Png, type Adam7Spec } from '../helpers/adam7Png';
import {
  driverAnswers,
  readFloats,
  runOmniglotDriver,
  writeOmniglotDriver,
} from '../helpers/omniglotExportDriver';
import { configWith } from '../helpers/sessions';

const DATA = fileURLToPath(new URL('../../../shared/data/omniglot/', import.meta.url));
const SMALL = ['images_background_small1.zip', 'images_background_small2.zip'];
const RUNS = 'all_runs.zip';
const noData = [...SMALL, RUNS].every((file) => existsSync(DATA + file))
  ? null
  : '../shared/data/omniglot not present';
const noTorch = pythonMissing(['torch']);
const skipped = noTorch ? ` (skipped: ${noTorch}; .ci/run installs CPU PyTorch with pip)` : '';
const folder = mkdtempSync(join(tmpdir(), 'pytorch-omniglot-'));
let driver = '';

beforeAll(() => {
  driver = writeOmniglotDriver(folder);
});

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

interface DrawnTasks {
  readonly supportShape: number[];
  readonly queryShape: number[];
  readonly supportLabels: number[];
  readonly queryLabels: number[];
  readonly dtypes: string[];
  readonly partCount?: number;
}

interface TasksAnswer {
  readonly trainClasses: number;
  readonly testClasses: number;
  readonly examplesPerClass: [number, number];
  readonly batches: DrawnTasks[];
  readonly heldOut: DrawnTasks;
  readonly seconds: { read: number; pools: number; batches: number[] };
}

/** How many entries differ (0 when the arrays are equal), failing at once on different lengths. */
function differences(actual: Float32Array, expected: Float32Array): number {
  expect(actual.length).toBe(expected.length);
  let count = 0;
  for (let i = 0; i < expected.length; i++) if (!Object.is(actual[i], expected[i])) count++;
  return count;
}

function inkOf(images: Float32Array): number {
  return images.reduce((sum, v) => sum + v, 0);
}

/** The Python tasks written under `name` equal the playground's batch, image by image and label by label. */
function expectSameTasks(name: string, drawn: DrawnTasks, batch: ClassificationBatch): void {
  const { tasks, ways, shots, queries, imageSize: size } = batch;
  expect(drawn.supportShape).toEqual([tasks, ways * shots, 1, size, size]);
  expect(drawn.queryShape).toEqual([tasks, ways * queries, 1, size, size]);
  expect(drawn.dtypes).toEqual(['torch.float32', 'torch.int64', 'torch.float32', 'torch.int64']);
  expect(drawn.supportLabels).toEqual([...batch.supportLabels]);
  expect(drawn.queryLabels).toEqual([...batch.queryLabels]);
  // Real drawings, not blank pages compared with blank pages.
  expect(inkOf(batch.supportImages)).toBeGreaterThan(0.01 * batch.supportImages.length);
  expect(differences(readFloats(join(folder, `${name}-support.f32`)), batch.supportImages)).toBe(0);
  expect(differences(readFloats(join(folder, `${name}-query.f32`)), batch.queryImages)).toBe(0);
}

/** The playground's libraries by their zips: one decodes a zip once for each image size. */
const libraries = new Map<string, DatasetLibrary>();

/** The run's class pools, from the playground's library of these zips (the two small ones by default). */
function playgroundSources(config: ExperimentConfig, zips = SMALL.map((file) => DATA + file)) {
  let library = libraries.get(zips.join());
  if (!library) {
    library = new DatasetLibrary();
    for (const path of zips) library.add(basename(path), new Uint8Array(readFileSync(path)));
    libraries.set(zips.join(), library);
  }
  return classificationFamily(config).classSources(config, library);
}

/** Held-out tasks 0..count-1 of the playground, joined into one batch. */
function playgroundHeldOut(config: ExperimentConfig, sources: ClassSources, count: number) {
  const chunks = [...heldOutTasks(config, sources, count)];
  const join = <T extends Float32Array | Int32Array>(pick: (b: ClassificationBatch) => T): T[] =>
    chunks.map(pick);
  const cat = <T extends Float32Array | Int32Array>(parts: T[], Make: new (n: number) => T): T => {
    const out = new Make(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
    return out;
  };
  return {
    ...chunks[0]!,
    tasks: count,
    supportImages: cat(
      join((b) => b.supportImages),
      Float32Array,
    ),
    supportLabels: cat(
      join((b) => b.supportLabels),
      Int32Array,
    ),
    queryImages: cat(
      join((b) => b.queryImages),
      Float32Array,
    ),
    queryLabels: cat(
      join((b) => b.queryLabels),
      Int32Array,
    ),
  };
}

/** One comparison on the real archives: the settings and how much to draw. */
interface RunCase {
  readonly name: string;
  readonly config: ExperimentConfig;
  readonly batches: number;
  readonly heldOut: number;
}

/**
 * Drawings are picked by rejection when fewer than a quarter of a character's 20 are wanted (1 + 3
 * here), else by a partial shuffle (5 + 5), with the boundary itself (2 + 3) a shuffle.
 */
const RUN_CASES: readonly RunCase[] = [
  {
    // The playground's defaults (28 px, rotated classes, seed 1) but for the sizes of the tasks.
    name: 'oneShot',
    config: configWith('task=omniglot', 'shots=1', 'query=3', 'metaBatch=8'),
    batches: 3,
    heldOut: 5,
  },
  {
    name: 'fiveShot',
    config: configWith('task=omniglot', 'shots=5', 'query=5', 'metaBatch=4', 'seed=3'),
    batches: 2,
    heldOut: 3,
  },
  {
    name: 'unrotated',
    config: configWith(
      'task=omniglot',
      'shots=2',
      'query=3',
      'metaBatch=4',
      'imageSize=20',
      'rotations=false',
      'seed=7',
      'evalQuery=4',
    ),
    batches: 2,
    heldOut: 3,
  },
];

/** The driver's job for a case, with the playground's number of held-out queries. */
function tasksJob(
  run: RunCase,
  sources: ClassSources,
  zips = SMALL.map((file) => DATA + file),
): object {
  const { config } = run;
  return {
    action: 'tasks',
    name: run.name,
    zips,
    out: folder,
    imageSize: config.imageSize,
    rotations: config.rotations,
    seed: config.seed,
    ways: config.ways,
    shots: config.shots,
    query: config.query,
    metaBatch: config.metaBatch,
    batches: run.batches,
    heldOut: run.heldOut,
    // Chunks other than the playground's (20 tasks) must draw the same tasks.
    heldOutChunk: 2,
    heldOutQueries: evaluationQueries(config, sources.test),
  };
}

/** The Python answer for a case equals what the trainer's own stream draws. */
function expectSameRun(run: RunCase, sources: ClassSources, answer: TasksAnswer): void {
  const { config } = run;
  expect(answer.trainClasses).toBe(sources.train.classCount);
  expect(answer.testClasses).toBe(sources.test.classCount);
  expect(answer.examplesPerClass).toEqual([
    sources.train.examplesPerClass,
    sources.test.examplesPerClass,
  ]);
  const stream = classificationStream(config, sources);
  const rng = createRng(config.seed, 'tasks');
  for (let i = 0; i < run.batches; i++) {
    expectSameTasks(`${run.name}-batch${i}`, answer.batches[i]!, stream.draw(rng).batch);
    expect(answer.batches[i]!.partCount).toBe(config.metaBatch - 1);
  }
  const heldOut = playgroundHeldOut(config, sources, run.heldOut);
  expectSameTasks(`${run.name}-heldout`, answer.heldOut, heldOut);
}

const realData = noTorch ?? noData;
describe.skipIf(realData !== null)(
  `the exported script's Omniglot tasks on ../shared/data/omniglot${realData ? ` (skipped: ${realData})` : ''}`,
  () => {
    const sources: ClassSources[] = [];
    let answers: unknown[] = [];
    let runsBatch: OneShotRunsBatch;

    beforeAll(() => {
      for (const run of RUN_CASES) sources.push(playgroundSources(run.config));
      const library = new DatasetLibrary();
      library.add(RUNS, new Uint8Array(readFileSync(DATA + RUNS)));
      const archive = library.oneShotRuns(28);
      if (!archive) throw new Error('all_runs.zip was not read as one-shot runs');
      runsBatch = oneShotRunsBatch(archive);
      const jobs = [
        ...RUN_CASES.map((run, i) => tasksJob(run, sources[i]!)),
        { action: 'oneShot', zip: DATA + RUNS, imageSize: 28, out: folder },
      ];
      const python = runOmniglotDriver(driver, jobs);
      if (python.status !== 0)
        throw new Error(`the driver failed (${python.status}):\n${python.stderr}`);
      answers = driverAnswers(python);
    });

    it('draws the playground’s 5-way 1-shot meta-batches and held-out tasks, rotated classes at 28 px', () => {
      const answer = answers[0] as TasksAnswer;
      expectSameRun(RUN_CASES[0]!, sources[0]!, answer);
      // Four classes a character (Greek and Latin are in both zips), held-out alphabets apart.
      expect(answer.trainClasses + answer.testClasses).toBe(4 * (136 + 156 - 24 - 26));
      const { seconds } = answer;
      process.stderr.write(
        `Python: read the two zips in ${seconds.read.toFixed(2)} s, classes at 28 px in ` +
          `${seconds.pools.toFixed(2)} s, meta-batches of 8 tasks in ` +
          `${seconds.batches.map((s) => (1000 * s).toFixed(1)).join(', ')} ms\n`,
      );
    });

    it('draws the playground’s 5-way 5-shot meta-batches and held-out tasks, another seed', () => {
      expectSameRun(RUN_CASES[1]!, sources[1]!, answers[1] as TasksAnswer);
    });

    it('draws the playground’s tasks at 20 px without rotations', () => {
      const answer = answers[2] as TasksAnswer;
      expectSameRun(RUN_CASES[2]!, sources[2]!, answer);
      expect(answer.trainClasses + answer.testClasses).toBe(136 + 156 - 24 - 26);
    });

    it('reads the 20 one-shot runs as the playground lays them out', () => {
      const answer = answers[3] as { names: string[]; runs: DrawnTasks };
      expect(answer.names).toEqual(runsBatch.runNames);
      expectSameTasks('runs', answer.runs, runsBatch);
    });
  },
);

/** Every colour type at every bit depth, odd sizes, all five filters, transparency, palettes. */
function pngCases(): PngSpec[] {
  const rng = createRng(3, 'png cases');
  const [width, height] = [7, 5];
  const samples = (channels: number, depth: number, top = 2 ** depth): number[] =>
    Array.from({ length: width * height * channels }, () => Math.floor(rng.next() * top));
  const spec = (
    colourType: ColourType,
    bitDepth: number,
    extra: Partial<PngSpec> = {},
  ): PngSpec => {
    const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colourType];
    return {
      width,
      height,
      colourType,
      bitDepth,
      samples: samples(
        channels,
        bitDepth,
        colourType === 3 ? 2 ** Math.min(bitDepth, 2) : undefined,
      ),
      filters: [0, 1, 2, 3, 4],
      ...extra,
    };
  };
  const palette: [number, number, number][] = [
    [0, 0, 0],
    [255, 255, 255],
    [200, 30, 90],
    [12, 250, 77],
  ];
  // The first pixel takes the transparent colour, so that the key is used.
  const keyed = (base: PngSpec, key: number[]): PngSpec => ({
    ...base,
    samples: [...key, ...Array.from(base.samples).slice(key.length)],
    transparency: key.flatMap((v) => [v >> 8, v & 255]),
  });
  return [
    ...[1, 2, 4, 8, 16].map((depth) => spec(0, depth)),
    keyed(spec(0, 8), [17]),
    keyed(spec(0, 16), [258]),
    ...[8, 16].map((depth) => spec(2, depth)),
    keyed(spec(2, 8), [3, 1, 2]),
    ...[1, 2, 4, 8].map((depth) => spec(3, depth, { palette: palette.slice(0, 2 ** depth) })),
    spec(3, 8, { palette, transparency: [0, 128] }),
    ...[8, 16].map((depth) => spec(4, depth)),
    ...[8, 16].map((depth) => spec(6, depth)),
    spec(0, 8, { idatChunks: 3 }),
  ];
}

/** Interlaced images of every colour type fast-png reads interlaced, passes left empty included. */
function interlacedCases(): Adam7Spec[] {
  const rng = createRng(5, 'interlaced cases');
  const spec = (colourType: ColourType, bitDepth: 8 | 16, width: number, height: number) => ({
    width,
    height,
    colourType,
    bitDepth,
    samples: Array.from({ length: width * height * CHANNELS[colourType] }, () =>
      Math.floor(rng.next() * 2 ** bitDepth),
    ),
  });
  return [
    spec(0, 8, 11, 9),
    spec(2, 16, 11, 9),
    spec(4, 8, 9, 13),
    spec(6, 16, 3, 2),
    spec(0, 16, 1, 1),
  ];
}

/**
 * Names the playground orders as numbers (character2 before character10, 9.png before 10.png), an
 * alphabet in both zips with one drawing in common and one new, and no evaluation archive, so the
 * last of three alphabets is held out.
 */
function mergedArchives(): Record<string, Uint8Array> {
  const band = bandDrawing;
  return {
    'background_a.zip': alphabetsZip('background_a', {
      Alpha2: {
        character10: { '10.png': band(30), '9.png': band(40), '1.png': band(50) },
        character2: { '2.png': band(20), '11.png': band(60), '3.png': band(70) },
      },
      Alpha10: { character1: { 'a.png': band(15), 'b.png': band(25) } },
    }),
    'background_b.zip': alphabetsZip('', {
      Alpha2: { character2: { 'x.png': band(20), 'y.png': band(90) } },
      Beta: { character1: { 'c.png': band(35), 'd.png': band(45) } },
    }),
  };
}

describe.skipIf(noTorch !== null)(`the exported script on archives built here${skipped}`, () => {
  const encoded = [...pngCases().map(encodePng), ...interlacedCases().map(encodeAdam7Png)];
  const pngs = Object.fromEntries(encoded.map((bytes, i) => [`case${i}.png`, bytes]));
  const damaged = bandDrawing(10);
  // A flipped bit inside the image data: its chunk's CRC no longer matches.
  damaged[Buffer.from(damaged).indexOf('IDAT') + 6]! ^= 0x10;
  const refused: Record<string, Uint8Array> = {
    'holiday.zip': zip({ 'holiday/photo.png': bandDrawing(10), 'holiday/notes.txt': 'hello' }),
    'damaged.zip': alphabetsZip('', {
      Greek: { character01: { '0001_01.png': damaged, '0001_02.png': bandDrawing(5) } },
    }),
    'text.zip': new TextEncoder().encode('not a zip'),
  };
  const merged = mergedArchives();
  const mergedZips = Object.keys(merged).map((name) => join(folder, name));
  const mergedRun: RunCase = {
    name: 'merged',
    config: configWith('task=omniglot', 'ways=2', 'shots=1', 'query=1', 'metaBatch=6', 'seed=2'),
    batches: 2,
    heldOut: 3,
  };
  let mergedSources: ClassSources;
  /** The playground library's message for each refused file. */
  const playground: Record<string, string> = {};
  let python: PythonRun;
  let answers: unknown[] = [];

  beforeAll(() => {
    writeFileSync(join(folder, 'pngs.zip'), zip(pngs));
    for (const [name, bytes] of Object.entries(merged)) writeFileSync(join(folder, name), bytes);
    mergedSources = playgroundSources(mergedRun.config, mergedZips);
    for (const [name, bytes] of Object.entries(refused)) {
      writeFileSync(join(folder, name), bytes);
      try {
        new DatasetLibrary().add(name, bytes);
      } catch (error) {
        if (!(error instanceof DataError)) throw error;
        playground[name] = error.message;
      }
    }
    python = runOmniglotDriver(driver, [
      { action: 'png', zip: join(folder, 'pngs.zip'), out: folder },
      tasksJob(mergedRun, mergedSources, mergedZips),
      ...Object.keys(refused).map((name) => ({ action: 'read', zips: [join(folder, name)] })),
      { action: 'read', zips: [join(folder, 'none.zip')] },
    ]);
    answers = driverAnswers(python);
  });

  it('decodes every kind of PNG the playground reads, interlaced too, to the same grey levels', () => {
    const answer = answers[0] as { images: { name: string; width: number; height: number }[] };
    expect(answer.images.map((image) => image.name)).toEqual(Object.keys(pngs));
    answer.images.forEach((image, i) => {
      const expected = decodePng(pngs[image.name]!);
      expect([image.width, image.height]).toEqual([expected.width, expected.height]);
      expect(differences(readFloats(join(folder, `png${i}.f32`)), expected.grey)).toBe(0);
    });
  });

  it('orders, merges and splits archives as the playground does', () => {
    const answer = answers[1] as TasksAnswer;
    expectSameRun(mergedRun, mergedSources, answer);
    // Three characters to train on and Beta held out, four classes each.
    expect([answer.trainClasses, answer.testClasses]).toEqual([12, 4]);
    expect(mergedSources.train.describeClass?.(0)).toBe('Alpha2/character2');
  });

  /** The driver's message for the refused file `index` (after the two jobs above). */
  const message = (index: number): string => (answers[index + 2] as { error?: string }).error ?? '';

  it('refuses what it cannot read with a message, never a traceback, and exit status 2', () => {
    expect(python.status).toBe(2);
    expect(python.stderr).not.toContain('Traceback');
    expect(answers).toHaveLength(3 + Object.keys(refused).length);
  });

  it('refuses a zip that is not Omniglot with the playground’s own message', () => {
    expect(playground['holiday.zip']).toMatch(/Is it an Omniglot archive\?$/);
    expect(message(0)).toContain(playground['holiday.zip']!);
  });

  it('refuses a damaged drawing, naming it as the playground does', () => {
    const reason =
      'Greek/character01/0001_01.png in the zip is not a readable PNG: the PNG is damaged';
    expect(playground['damaged.zip']).toContain(reason);
    expect(message(1)).toContain(reason);
  });

  it('refuses a file that is not a zip and a missing file, saying which', () => {
    expect(playground['text.zip']).toContain('this file cannot be read as a zip archive');
    expect(message(2)).toContain('text.zip: this file cannot be read as a zip archive');
    expect(message(3)).toContain('none.zip: there is no such file');
  });
});

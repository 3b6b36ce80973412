/**
 * Reads Omniglot zips (Lake et al., Science 2015) as the user downloads them, in any JS runtime:
 * the background/evaluation alphabets and the 20 one-shot classification runs. Drawings are
 * 105x105 PNGs with white paper (1) and black strokes (0); they come out inverted, ink = 1 on 0,
 * and shrunk to imageSize x imageSize by area averaging.
 */
import { strFromU8 } from 'fflate';
import { DataError } from './errors';
import { decodePng } from './png';
import { areaResampler, type Resampler } from './resample';
import { detectLayout, isPng, type AlphabetsLayout, type RunsLayout } from './omniglotLayout';
import { readZip } from './zip';

/** One character: `count` drawings of imageSize^2 floats each, one after another. */
export interface OmniglotCharacter {
  readonly alphabet: string;
  readonly character: string;
  readonly images: Float32Array;
  readonly count: number;
  /** The file it was read from, where a library of several keeps track (for messages). */
  readonly archive?: string;
}

export interface AlphabetsArchive {
  readonly kind: 'alphabets';
  readonly name: string;
  readonly imageSize: number;
  /** Sorted by alphabet, then character number. */
  readonly characters: readonly OmniglotCharacter[];
}

/** One N-way one-shot run; in the standard runs N = 20 and there are 20 test items. */
export interface OneShotRun {
  readonly name: string;
  /** One drawing of each class, class01 first. */
  readonly training: Float32Array;
  /** The drawings to classify, item01 first. */
  readonly test: Float32Array;
  /** For each test item, the index (0-based) of its training class, from class_labels.txt. */
  readonly answers: Int32Array;
}

export interface OneShotRunsArchive {
  readonly kind: 'oneShotRuns';
  readonly name: string;
  readonly imageSize: number;
  readonly runs: readonly OneShotRun[];
}

export type OmniglotArchive = AlphabetsArchive | OneShotRunsArchive;

export interface ReadOmniglotOptions {
  /** Side of the square images produced, in pixels (the MAML paper uses 28). */
  readonly imageSize: number;
  /** Archive name when the zip has no top folder to take it from (e.g. the file name). */
  readonly name?: string;
}

export const MAX_IMAGE_SIZE = 256;

export function readOmniglotZip(bytes: Uint8Array, options: ReadOmniglotOptions): OmniglotArchive {
  const { imageSize } = options;
  if (!Number.isInteger(imageSize) || imageSize < 1 || imageSize > MAX_IMAGE_SIZE) {
    throw new RangeError(
      `imageSize must be an integer from 1 to ${MAX_IMAGE_SIZE}, not ${imageSize}`,
    );
  }
  const files = readZip(bytes, (path) => isPng(path) || /class_labels\.txt$/i.test(path));
  const layout = detectLayout([...files.keys()]);
  const reader = new ImageReader(files, imageSize);
  return layout.kind === 'alphabets'
    ? readAlphabets(layout, reader, layout.root ?? options.name ?? 'Omniglot alphabets')
    : readRuns(layout, reader, files, layout.root ?? options.name ?? 'Omniglot one-shot runs');
}

function readAlphabets(
  layout: AlphabetsLayout,
  reader: ImageReader,
  name: string,
): AlphabetsArchive {
  const characters = layout.characters.map(({ alphabet, character, files }) => ({
    alphabet,
    character,
    images: reader.readAll(files),
    count: files.length,
  }));
  return { kind: 'alphabets', name, imageSize: reader.imageSize, characters };
}

function readRuns(
  layout: RunsLayout,
  reader: ImageReader,
  files: ReadonlyMap<string, Uint8Array>,
  name: string,
): OneShotRunsArchive {
  const runs = layout.runs.map((run) => {
    if (run.training.length < 2 || run.test.length === 0) {
      throw new DataError(
        `${run.name} needs at least two training/classNN.png and one test/itemNN.png; it has ` +
          `${run.training.length} and ${run.test.length}`,
      );
    }
    if (run.labels === null) {
      throw new DataError(`${run.name} has no class_labels.txt, the answer key of its test items`);
    }
    const text = strFromU8(files.get(run.labels)!);
    return {
      name: run.name,
      training: reader.readAll(run.training),
      test: reader.readAll(run.test),
      answers: parseAnswers(text, run.name, run.training.length, run.test.length),
    };
  });
  return { kind: 'oneShotRuns', name, imageSize: reader.imageSize, runs };
}

/**
 * class_labels.txt: one line per test item, "runNN/test/itemMM.png runNN/training/classKK.png".
 * Returns answers[MM - 1] = KK - 1.
 */
function parseAnswers(text: string, run: string, classes: number, items: number): Int32Array {
  const answers = new Int32Array(items).fill(-1);
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  for (const line of lines) {
    const match = /item(\d+)\.png\s+\S*class(\d+)\.png\s*$/i.exec(line);
    const [item, cls] = [Number(match?.[1]), Number(match?.[2])];
    if (!match || item < 1 || item > items || cls < 1 || cls > classes) {
      throw new DataError(
        `${run}/class_labels.txt has a line "${line.trim()}" that does not name one of its ` +
          `${items} test items and one of its ${classes} training classes`,
      );
    }
    if (answers[item - 1] !== -1) {
      throw new DataError(`${run}/class_labels.txt answers test item ${item} twice`);
    }
    answers[item - 1] = cls - 1;
  }
  const missing = answers.indexOf(-1);
  if (missing >= 0) {
    throw new DataError(`${run}/class_labels.txt gives no answer for test item ${missing + 1}`);
  }
  return answers;
}

/** Decodes, inverts and resizes images, keeping one resampler per source size. */
/**
 * Pixels allowed per drawing and per archive, checked from each PNG's header before it is
 * decoded: Omniglot's drawings are 105x105, and its background set has 212 million pixels in all.
 */
export const MAX_DRAWING_PIXELS = 1024 * 1024;
export const MAX_ARCHIVE_PIXELS = 2 ** 28;

class ImageReader {
  private readonly resamplers = new Map<string, Resampler>();
  private pixelsRead = 0;

  constructor(
    private readonly files: ReadonlyMap<string, Uint8Array>,
    readonly imageSize: number,
  ) {}

  /** The images at `paths`, one after another. */
  readAll(paths: readonly string[]): Float32Array {
    const pixels = this.imageSize * this.imageSize;
    const out = new Float32Array(paths.length * pixels);
    paths.forEach((path, i) => {
      this.read(path, out, i * pixels);
    });
    return out;
  }

  private read(path: string, out: Float32Array, offset: number): void {
    let image;
    try {
      image = decodePng(this.files.get(path)!, MAX_DRAWING_PIXELS);
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      throw new DataError(`${path} in the zip is not a readable PNG: ${error.message}`, {
        cause: error,
      });
    }
    this.pixelsRead += image.width * image.height;
    if (this.pixelsRead > MAX_ARCHIVE_PIXELS) {
      throw new DataError(
        `its drawings hold more than the ${MAX_ARCHIVE_PIXELS.toLocaleString('en')} pixels ` +
          `allowed for one archive (reached at ${path}); Omniglot's drawings are 105x105`,
      );
    }
    const key = `${image.width}x${image.height}`;
    let resample = this.resamplers.get(key);
    if (!resample) {
      resample = areaResampler(image.width, image.height, this.imageSize, this.imageSize);
      this.resamplers.set(key, resample);
    }
    resample(image.grey, out, offset);
    // Averaging is linear with weights summing to 1, so inverting after it equals inverting before.
    const end = offset + this.imageSize * this.imageSize;
    for (let i = offset; i < end; i++) out[i] = 1 - out[i]!;
  }
}

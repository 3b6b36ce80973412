/**
 * The Omniglot archives a user has loaded, kept as their zip bytes and decoded on demand at the
 * image size a run asks for. Meta-training and held-out classes come from disjoint alphabets:
 * an archive named like images_evaluation*.zip is held out whole; without one, every fourth of
 * the loaded alphabets (in name order) is held out, so the split never depends on the seed.
 */
import { DataError } from '../data/errors';
import {
  readOmniglotZip,
  type AlphabetsArchive,
  type OmniglotArchive,
  type OmniglotCharacter,
  type OneShotRunsArchive,
} from '../data/omniglot';
import { mergeAlphabetArchives } from '../data/omniglotMerge';
import type { ArchiveSummary, DataSummary } from './summary';

/** Images are decoded at this size when a file is added, to check it at once. */
export const CHECK_IMAGE_SIZE = 28;
/** Every HELD_OUT_EVERY-th alphabet (in name order) is held out when no evaluation archive is loaded. */
export const HELD_OUT_EVERY = 4;

interface LoadedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly kind: OmniglotArchive['kind'];
  readonly summary: ArchiveSummary;
}

export interface AlphabetSplit {
  readonly train: readonly OmniglotCharacter[];
  readonly test: readonly OmniglotCharacter[];
  readonly heldOutAlphabets: readonly string[];
}

function isEvaluationArchive(name: string): boolean {
  return /evaluation/i.test(name);
}

function describeArchive(name: string, archive: OmniglotArchive): ArchiveSummary {
  if (archive.kind === 'oneShotRuns') {
    const images = archive.runs.reduce(
      (sum, run) => sum + run.answers.length + run.training.length / archive.imageSize ** 2,
      0,
    );
    return {
      name,
      kind: 'oneShotRuns',
      alphabets: 0,
      characters: 0,
      images,
      runs: archive.runs.length,
      role: 'runs',
    };
  }
  return {
    name,
    kind: 'alphabets',
    alphabets: new Set(archive.characters.map((c) => c.alphabet)).size,
    characters: archive.characters.length,
    images: archive.characters.reduce((sum, c) => sum + c.count, 0),
    runs: 0,
    role: isEvaluationArchive(name) ? 'test' : 'train',
  };
}

export class DatasetLibrary {
  private files: LoadedFile[] = [];
  private readonly decoded = new Map<string, OmniglotArchive>();

  /**
   * Reads and checks a zip; on success it joins the library (replacing a file of the same name).
   * Throws DataError with a readable message otherwise, leaving the library as it was.
   */
  add(name: string, bytes: Uint8Array): ArchiveSummary {
    let archive: OmniglotArchive;
    try {
      archive = readOmniglotZip(bytes, { imageSize: CHECK_IMAGE_SIZE, name });
    } catch (error) {
      if (error instanceof DataError) throw error;
      throw new DataError(`${name} could not be read: ${String(error)}`);
    }
    const summary = describeArchive(name, archive);
    this.files = [
      ...this.files.filter((f) => f.name !== name),
      { name, bytes, kind: archive.kind, summary },
    ];
    for (const key of [...this.decoded.keys()]) {
      if (key.startsWith(`${name}@`)) this.decoded.delete(key);
    }
    this.decoded.set(`${name}@${CHECK_IMAGE_SIZE}`, archive);
    return summary;
  }

  clear(): void {
    this.files = [];
    this.decoded.clear();
  }

  get hasAlphabets(): boolean {
    return this.files.some((f) => f.kind === 'alphabets');
  }

  summary(): DataSummary {
    const heldOutAlphabets = this.hasAlphabets ? this.split(CHECK_IMAGE_SIZE).heldOutAlphabets : [];
    const hasTestArchive = this.files.some(
      (f) => f.kind === 'alphabets' && isEvaluationArchive(f.name),
    );
    const archives = this.files.map((f) =>
      f.summary.role === 'train' && !hasTestArchive
        ? { ...f.summary, role: 'train+test' as const }
        : f.summary,
    );
    return {
      archives,
      heldOutAlphabets,
      ready: this.hasAlphabets,
      oneShotRuns: this.files.some((f) => f.kind === 'oneShotRuns'),
    };
  }

  /** Meta-training and held-out characters at `imageSize`, from disjoint alphabets. */
  split(imageSize: number): AlphabetSplit {
    const alphabetFiles = this.files.filter((f) => f.kind === 'alphabets');
    const archivesOf = (files: readonly LoadedFile[]): AlphabetsArchive[] =>
      files.map((f) => this.decode(f, imageSize) as AlphabetsArchive);
    const testFiles = alphabetFiles.filter((f) => isEvaluationArchive(f.name));
    const trainFiles = alphabetFiles.filter((f) => !isEvaluationArchive(f.name));
    if (trainFiles.length === 0) {
      throw new DataError(
        'Only held-out (evaluation) alphabets are loaded: add images_background.zip (or its small subsets) to meta-train on.',
      );
    }
    const train = mergeAlphabetArchives(archivesOf(trainFiles)).characters;
    if (testFiles.length > 0) {
      const test = mergeAlphabetArchives(archivesOf(testFiles)).characters;
      return { train, test, heldOutAlphabets: [...new Set(test.map((c) => c.alphabet))] };
    }
    const alphabets = [...new Set(train.map((c) => c.alphabet))].sort();
    if (alphabets.length < 2) {
      throw new DataError(
        'The loaded archives hold a single alphabet: held-out classes must come from other alphabets, so load at least two.',
      );
    }
    const heldOut = new Set(
      alphabets.filter(
        (_, i) =>
          i % HELD_OUT_EVERY === HELD_OUT_EVERY - 1 ||
          (alphabets.length < HELD_OUT_EVERY && i === alphabets.length - 1),
      ),
    );
    return {
      train: train.filter((c) => !heldOut.has(c.alphabet)),
      test: train.filter((c) => heldOut.has(c.alphabet)),
      heldOutAlphabets: [...heldOut],
    };
  }

  /** The one-shot runs at `imageSize`, or null when no all_runs archive is loaded. */
  oneShotRuns(imageSize: number): OneShotRunsArchive | null {
    const file = this.files.find((f) => f.kind === 'oneShotRuns');
    if (!file) return null;
    const archive = this.decode(file, imageSize);
    return archive.kind === 'oneShotRuns' ? archive : null;
  }

  private decode(file: LoadedFile, imageSize: number): OmniglotArchive {
    const key = `${file.name}@${imageSize}`;
    let archive = this.decoded.get(key);
    if (!archive) {
      const read = readOmniglotZip(file.bytes, { imageSize, name: file.name });
      // Each character remembers its file, so a message about it can name the file.
      archive =
        read.kind === 'alphabets'
          ? { ...read, characters: read.characters.map((c) => ({ ...c, archive: file.name })) }
          : read;
      this.decoded.set(key, archive);
    }
    return archive;
  }
}

/**
 * Recognises the two Omniglot zip layouts from file paths alone, before any image is decoded:
 *   alphabets:     [root/]Alphabet/characterNN/file.png        (images_background, images_evaluation)
 *   one-shot runs: [root/]runNN/training/classNN.png, runNN/test/itemNN.png, runNN/class_labels.txt
 * The root may be missing or several folders deep; it must be the same for every file.
 */
import { DataError } from './errors';

export interface AlphabetsLayout {
  readonly kind: 'alphabets';
  /** Last folder of the shared root, or null when the zip has none. */
  readonly root: string | null;
  readonly characters: ReadonlyArray<{
    readonly alphabet: string;
    readonly character: string;
    readonly files: readonly string[];
  }>;
}

export interface RunsLayout {
  readonly kind: 'oneShotRuns';
  readonly root: string | null;
  readonly runs: ReadonlyArray<{
    readonly name: string;
    /** classNN.png paths in class order, NN = 1, 2, ... */
    readonly training: readonly string[];
    /** itemNN.png paths in item order. */
    readonly test: readonly string[];
    /** Path of class_labels.txt, or null when the run has none. */
    readonly labels: string | null;
  }>;
}

export const EXPECTED_LAYOUT =
  'folders of the form Alphabet/characterNN/*.png (images_background, images_evaluation) ' +
  'or runNN/training/classNN.png with runNN/test/itemNN.png (all_runs)';

const RUN_IMAGE = /^(?:(.*)\/)?(run\d+)\/(training|test)\/(class|item)(\d+)\.png$/i;
const RUN_LABELS = /^(?:(.*)\/)?(run\d+)\/class_labels\.txt$/i;
const CHARACTER_IMAGE = /^(?:(.*)\/)?([^/]+)\/(character\d+)\/([^/]+)\.png$/i;

export function isPng(path: string): boolean {
  return /\.png$/i.test(path);
}

/** The layout of a zip from its file paths; throws DataError naming what was expected. */
export function detectLayout(paths: readonly string[]): AlphabetsLayout | RunsLayout {
  const pngs = paths.filter(isPng);
  if (pngs.length === 0) {
    throw new DataError(
      `this zip holds no PNG images; an Omniglot archive holds ${EXPECTED_LAYOUT}. Is it an Omniglot archive?`,
    );
  }
  if (pngs.some((p) => RUN_IMAGE.test(p))) return runsLayout(pngs, paths);
  if (pngs.some((p) => CHARACTER_IMAGE.test(p))) return alphabetsLayout(pngs);
  throw new DataError(
    `this zip holds PNG images (e.g. ${pngs[0]}) but no ${EXPECTED_LAYOUT}. Is it an Omniglot archive?`,
  );
}

function alphabetsLayout(pngs: readonly string[]): AlphabetsLayout {
  const groups = new Map<string, { alphabet: string; character: string; files: string[] }>();
  const root = new SharedRoot();
  for (const path of pngs) {
    const match = CHARACTER_IMAGE.exec(path);
    if (!match) throw strayFile(path, 'Alphabet/characterNN/*.png');
    root.check(match[1], path);
    const [alphabet, character] = [match[2]!, match[3]!];
    const key = `${alphabet}/${character}`;
    const group = groups.get(key) ?? { alphabet, character, files: [] };
    group.files.push(path);
    groups.set(key, group);
  }
  const characters = [...groups.values()]
    .map((g) => ({ ...g, files: g.files.sort(compareNames) }))
    .sort((a, b) => compareNames(a.alphabet, b.alphabet) || compareNames(a.character, b.character));
  return { kind: 'alphabets', root: root.name(), characters };
}

function runsLayout(pngs: readonly string[], paths: readonly string[]): RunsLayout {
  const runs = new Map<string, { training: Map<number, string>; test: Map<number, string> }>();
  const root = new SharedRoot();
  for (const path of pngs) {
    const match = RUN_IMAGE.exec(path);
    const folder = match?.[3]?.toLowerCase();
    const stem = match?.[4]?.toLowerCase();
    if (!match || (folder === 'training') !== (stem === 'class')) {
      throw strayFile(path, 'runNN/training/classNN.png or runNN/test/itemNN.png');
    }
    root.check(match[1], path);
    const run = runs.get(match[2]!) ?? { training: new Map(), test: new Map() };
    const images = folder === 'training' ? run.training : run.test;
    const number = Number(match[5]);
    if (images.has(number)) {
      throw new DataError(`${match[2]} holds two images numbered ${number} in ${folder}`);
    }
    images.set(number, path);
    runs.set(match[2]!, run);
  }
  const labels = new Map<string, string>();
  for (const path of paths) {
    const match = RUN_LABELS.exec(path);
    if (match && (match[1] ?? null) === root.path) labels.set(match[2]!, path);
  }
  return {
    kind: 'oneShotRuns',
    root: root.name(),
    runs: [...runs.entries()]
      .sort(([a], [b]) => compareNames(a, b))
      .map(([name, run]) => ({
        name,
        training: numbered(run.training, name, 'training', 'class'),
        test: numbered(run.test, name, 'test', 'item'),
        labels: labels.get(name) ?? null,
      })),
  };
}

/** Paths numbered 1..n with none missing, in number order. */
function numbered(
  images: Map<number, string>,
  run: string,
  folder: string,
  stem: string,
): string[] {
  return Array.from({ length: Math.max(images.size, ...images.keys()) }, (_, i) => {
    const path = images.get(i + 1);
    if (path === undefined) {
      const nn = String(i + 1).padStart(2, '0');
      throw new DataError(
        `${run}/${folder} has no ${stem}${nn}.png, so its images are not numbered 1 to n`,
      );
    }
    return path;
  });
}

function strayFile(path: string, expected: string): DataError {
  return new DataError(
    `${path} does not fit the archive's layout (${expected}); remove it or re-create the zip`,
  );
}

/** Tracks the folder prefix in front of the layout; every file must share it. */
class SharedRoot {
  path: string | null | undefined = undefined;

  check(prefix: string | undefined, file: string): void {
    const path = prefix ?? null;
    if (this.path === undefined) this.path = path;
    else if (this.path !== path) {
      throw new DataError(
        `${file} lies under a different top folder from the other images; an archive holds one collection`,
      );
    }
  }

  name(): string | null {
    return this.path ? (this.path.split('/').pop() ?? null) : null;
  }
}

/** Orders names with their digit runs compared as numbers (character2 before character10). */
export function compareNames(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const [x, y] = [pa[i]!, pb[i]!];
    if (x === y) continue;
    const numeric = /^\d/.test(x) && /^\d/.test(y);
    if (numeric && Number(x) !== Number(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** Small zips in the layouts of the Omniglot archives, built in memory with fflate. */
import { zipSync } from 'fflate';
import { omniglotPng } from './imageFixtures';

/** Omniglot's drawing size. */
export const SIDE = 105;

/** A 105x105 drawing whose ink is the full-height band of columns [0, width). */
export function bandDrawing(width: number): Uint8Array {
  return omniglotPng(SIDE, (x) => x < width);
}

/** A drawing with ink where `ink` says. */
export function drawing(ink: (x: number, y: number) => boolean): Uint8Array {
  return omniglotPng(SIDE, ink);
}

export function zip(files: Record<string, Uint8Array | string>): Uint8Array {
  const encoded = Object.fromEntries(
    Object.entries(files).map(([path, data]) => [
      path,
      typeof data === 'string' ? new TextEncoder().encode(data) : data,
    ]),
  );
  return zipSync(encoded);
}

/** `root/Alphabet/characterNN/file.png` paths, or without `root/` when it is empty. */
export function alphabetsZip(
  root: string,
  tree: Record<string, Record<string, Record<string, Uint8Array>>>,
): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [alphabet, characters] of Object.entries(tree)) {
    for (const [character, drawings] of Object.entries(characters)) {
      for (const [file, png] of Object.entries(drawings)) {
        files[`${root ? `${root}/` : ''}${alphabet}/${character}/${file}`] = png;
      }
    }
  }
  return zip(files);
}

export interface RunFixture {
  readonly name: string;
  readonly training: readonly Uint8Array[];
  readonly test: readonly Uint8Array[];
  /** For each test item, its class index 0..; null leaves class_labels.txt out. */
  readonly answers: readonly number[] | null;
}

const nn = (i: number): string => String(i + 1).padStart(2, '0');

/** The all_runs.zip layout; class_labels.txt lines as in the real file, with CRLF endings. */
export function runsZip(runs: readonly RunFixture[]): Uint8Array {
  const files: Record<string, Uint8Array | string> = {};
  for (const run of runs) {
    run.training.forEach((png, i) => (files[`${run.name}/training/class${nn(i)}.png`] = png));
    run.test.forEach((png, i) => (files[`${run.name}/test/item${nn(i)}.png`] = png));
    if (run.answers) {
      files[`${run.name}/class_labels.txt`] = run.answers
        .map((c, i) => `${run.name}/test/item${nn(i)}.png ${run.name}/training/class${nn(c)}.png`)
        .join('\r\n');
    }
  }
  return zip(files);
}

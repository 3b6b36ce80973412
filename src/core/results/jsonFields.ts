/**
 * Reading untrusted JSON field by field: each reader checks one value and names where it sits
 * (`evaluation.models[1].loss`) when it is not what the file should hold.
 */
import type { AdaptationCurve } from './types';

/** A part of a file that is not what the file should hold; its message names where. */
export class MalformedFile extends Error {}

export type Reader<T> = (value: unknown, path: string) => T;

export function shown(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.slice(0, 30))}`;
  if (typeof value === 'number' || typeof value === 'boolean')
    return `the ${typeof value} ${value}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

export function wrong(path: string, value: unknown, wanted: string): never {
  throw new MalformedFile(`${path || 'the file'} is ${shown(value)}, not ${wanted}`);
}

/** An object's fields, each read with the path that names it in messages. */
export class Fields {
  private constructor(
    private readonly object: Readonly<Record<string, unknown>>,
    private readonly path: string,
  ) {}

  static of(value: unknown, path: string): Fields {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      wrong(path, value, 'an object');
    }
    return new Fields(value as Readonly<Record<string, unknown>>, path);
  }

  has(key: string): boolean {
    return Object.hasOwn(this.object, key);
  }

  private at(key: string): string {
    return this.path === '' ? key : `${this.path}.${key}`;
  }

  read<T>(key: string, reader: Reader<T>): T {
    if (!this.has(key)) throw new MalformedFile(`${this.at(key)} is missing`);
    return reader(this.object[key], this.at(key));
  }

  /** A field older files may lack. */
  readOr<T>(key: string, reader: Reader<T>, absent: T): T {
    return this.has(key) ? reader(this.object[key], this.at(key)) : absent;
  }
}

export const text: Reader<string> = (value, path) =>
  typeof value === 'string' ? value : wrong(path, value, 'a text');

export const flag: Reader<boolean> = (value, path) =>
  typeof value === 'boolean' ? value : wrong(path, value, 'true or false');

export const finite: Reader<number> = (value, path) =>
  typeof value === 'number' && Number.isFinite(value) ? value : wrong(path, value, 'a number');

export const count: Reader<number> = (value, path) =>
  Number.isInteger(value) && (value as number) >= 0
    ? (value as number)
    : wrong(path, value, 'a whole number');

/** A measurement: JSON writes a non-finite number as null, read back as NaN. */
export const measured: Reader<number> = (value, path) =>
  value === null ? NaN : finite(value, path);

export function orNull<T>(reader: Reader<T>): Reader<T | null> {
  return (value, path) => (value === null ? null : reader(value, path));
}

export function listOf<T>(reader: Reader<T>): Reader<T[]> {
  return (value, path) =>
    Array.isArray(value)
      ? value.map((item, i) => reader(item, `${path}[${i}]`))
      : wrong(path, value, 'a list');
}

export function oneOf<T extends string>(...allowed: T[]): Reader<T> {
  return (value, path) =>
    allowed.includes(value as T) ? (value as T) : wrong(path, value, allowed.join(' or '));
}

/** A curve with one point per inner step of the evaluation. */
export function curve(steps: number): Reader<AdaptationCurve> {
  const points: Reader<number[]> = (value, path) => {
    const list = listOf(measured)(value, path);
    if (list.length !== steps) {
      throw new MalformedFile(`${path} has ${list.length} values for ${steps} steps`);
    }
    return list;
  };
  return (value, path) => {
    const fields = Fields.of(value, path);
    return { mean: fields.read('mean', points), ci95: fields.read('ci95', points) };
  };
}

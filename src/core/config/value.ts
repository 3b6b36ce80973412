import type { EnumListSetting, IntListSetting, SettingSpec, SettingValue } from './schema';
import { EMPTY_LIST_WORD } from './serialize';

/** Keys and values longer than this are rejected without being looked at. */
export const MAX_TEXT_LENGTH = 200;

/** How much of an over-long text is kept when it is reported. */
const SHOWN_LENGTH = 40;

/** How many items of an over-long list are shown when it is reported. */
const SHOWN_ITEMS = 10;

export type ReadResult =
  | { readonly ok: true; readonly value: SettingValue }
  | { readonly ok: false; readonly reason: string };

/** The first few characters of a long text followed by '…'; short texts are returned unchanged. */
export function shorten(text: string): string {
  if (text.length <= SHOWN_LENGTH) {
    return text;
  }
  let head = text.slice(0, SHOWN_LENGTH);
  const last = head.charCodeAt(head.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) {
    head = head.slice(0, -1); // do not cut a surrogate pair in half
  }
  return `${head}…`;
}

/** Any input value as plain text for a report: strings as they are, other values as JSON-ish text. */
export function givenText(raw: unknown): string {
  let text: string;
  if (typeof raw === 'string') {
    text = raw;
  } else if (typeof raw === 'function') {
    text = '(a function)';
  } else if (typeof raw !== 'object' || raw === null) {
    text = String(raw);
  } else {
    try {
      // Only the start of a long list is shown, so a huge array costs nothing to report.
      text =
        Array.isArray(raw) && raw.length > SHOWN_ITEMS
          ? `${JSON.stringify(raw.slice(0, SHOWN_ITEMS)).slice(0, -1)},…] (${raw.length} items)`
          : JSON.stringify(raw);
    } catch {
      text = Array.isArray(raw) ? '(an unreadable list)' : '(an unreadable object)';
    }
  }
  return text.length > MAX_TEXT_LENGTH ? shorten(text) : text;
}

/** The given value as it appears inside a message: strings in double quotes, others bare. */
export function quoteGiven(raw: unknown): string {
  const text = givenText(raw);
  return typeof raw === 'string' ? JSON.stringify(text) : text;
}

const EMPTY = 'the value is empty';

/** Decimal numbers with an optional exponent; no hex, no 'Infinity', no 'NaN'. */
const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function fail(reason: string): ReadResult {
  return { ok: false, reason };
}

interface NumberRule {
  readonly min: number;
  readonly max: number;
  readonly minExclusive: boolean;
  readonly whole: boolean;
}

function readNumber(raw: unknown, rule: NumberRule): ReadResult {
  const shown = quoteGiven(raw);
  let n: number;
  if (typeof raw === 'number') {
    n = raw;
  } else if (typeof raw === 'string') {
    const text = raw.trim();
    if (text === '') {
      return fail(EMPTY);
    }
    if (!NUMBER_TEXT.test(text)) {
      return fail(`${shown} is not a number`);
    }
    n = Number(text);
  } else {
    return fail(`${shown} is not a number`);
  }
  if (!Number.isFinite(n)) {
    return fail(`${shown} is not a finite number`);
  }
  if (rule.whole && !Number.isInteger(n)) {
    return fail(`${shown} is not a whole number`);
  }
  if (rule.minExclusive ? n <= rule.min : n < rule.min) {
    return fail(
      rule.minExclusive
        ? `${shown} is not above ${rule.min}`
        : `${shown} is below the minimum ${rule.min}`,
    );
  }
  if (n > rule.max) {
    return fail(`${shown} is above the maximum ${rule.max}`);
  }
  return { ok: true, value: n === 0 ? 0 : n }; // turns -0 into 0
}

function readBool(raw: unknown): ReadResult {
  if (typeof raw === 'boolean') {
    return { ok: true, value: raw };
  }
  const text = typeof raw === 'string' ? raw.trim() : raw;
  if (text === '') {
    return fail(EMPTY);
  }
  if (text === 'true' || text === '1' || text === 1) {
    return { ok: true, value: true };
  }
  if (text === 'false' || text === '0' || text === 0) {
    return { ok: true, value: false };
  }
  return fail(`${quoteGiven(raw)} is not true or false`);
}

function readEnum(raw: unknown, values: readonly string[]): ReadResult {
  const text = typeof raw === 'string' ? raw.trim() : raw;
  if (text === '') {
    return fail(EMPTY);
  }
  const match = values.find((value) => value === text);
  return match === undefined
    ? fail(`${quoteGiven(raw)} is not one of the choices`)
    : { ok: true, value: match };
}

function readIntList(raw: unknown, spec: IntListSetting): ReadResult {
  const shown = quoteGiven(raw);
  let items: readonly unknown[];
  if (typeof raw === 'number') {
    items = [raw];
  } else if (typeof raw === 'string') {
    const text = raw.trim();
    if (text === '') {
      return fail(EMPTY);
    }
    items = text === EMPTY_LIST_WORD ? [] : text.split(',');
  } else if (Array.isArray(raw)) {
    items = raw;
  } else {
    return fail(`${shown} is not a list of whole numbers`);
  }
  if (items.length < spec.minLength) {
    return fail(`${shown} has ${items.length} numbers, fewer than ${spec.minLength}`);
  }
  if (items.length > spec.maxLength) {
    return fail(`${shown} has ${items.length} numbers, more than ${spec.maxLength}`);
  }
  const rule: NumberRule = { min: spec.min, max: spec.max, minExclusive: false, whole: true };
  const numbers: number[] = [];
  for (const item of items) {
    const result = readNumber(item, rule);
    if (!result.ok) {
      const why = result.reason === EMPTY ? 'an empty entry' : result.reason;
      return fail(`${shown} has a bad entry (${why})`);
    }
    numbers.push(result.value as number);
  }
  return { ok: true, value: numbers };
}

function readEnumList(raw: unknown, spec: EnumListSetting): ReadResult {
  const shown = quoteGiven(raw);
  let items: readonly unknown[];
  if (typeof raw === 'string') {
    const text = raw.trim();
    if (text === '') {
      return fail(EMPTY);
    }
    items = text === EMPTY_LIST_WORD ? [] : text.split(',');
  } else if (Array.isArray(raw)) {
    items = raw;
  } else {
    return fail(`${shown} is not a list of names`);
  }
  if (items.length > spec.maxLength) {
    return fail(`${shown} has ${items.length} names, more than ${spec.maxLength}`);
  }
  const names: string[] = [];
  for (const item of items) {
    const result = readEnum(typeof item === 'string' ? item.trim() : item, spec.values);
    if (!result.ok) {
      const why = result.reason === EMPTY ? 'an empty entry' : result.reason;
      return fail(`${shown} has a bad entry (${why})`);
    }
    const name = result.value as string;
    if (names.includes(name)) {
      return fail(`${shown} names ${name} twice`);
    }
    names.push(name);
  }
  return { ok: true, value: names };
}

/** Reads one raw value (text from a link or the command line, or a JSON value) for a setting. */
export function readValue(spec: SettingSpec, raw: unknown): ReadResult {
  switch (spec.kind) {
    case 'int':
      return readNumber(raw, { min: spec.min, max: spec.max, minExclusive: false, whole: true });
    case 'float':
      return readNumber(raw, {
        min: spec.min,
        max: spec.max,
        minExclusive: spec.minExclusive,
        whole: false,
      });
    case 'bool':
      return readBool(raw);
    case 'enum':
      return readEnum(raw, spec.values);
    case 'intList':
      return readIntList(raw, spec);
    case 'enumList':
      return readEnumList(raw, spec);
  }
}

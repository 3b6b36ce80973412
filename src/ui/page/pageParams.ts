/**
 * The page keys this module reads from a link: `present` (classroom mode) and `hide` (controls and
 * panels to leave out). Pure and DOM-free, so it is unit-tested in Node; `readPageParams` in
 * `pageParamsContext.ts` feeds it the address. Like the settings, a key in the hash wins over the
 * same key in the query, and the last of repeated keys wins (as `currentPageQuery` keeps them).
 * Whatever a link holds, the result is a closed set of names from `HIDEABLE` and text-only
 * notices that quote the link briefly.
 */

/**
 * Every part of the page a link may hide, by a stable name (documented in README.md, "Classroom
 * links"). Changing a name breaks the links teachers handed out: add names, never rename them.
 */
export const HIDEABLE = {
  header: 'the title bar (title, tagline and Help)',
  help: 'the Help button and its ? shortcut',
  controls: 'Start, Pause, Step and Reset',
  status: 'the status line',
  backends: 'the Backends disclosure',
  task: 'the new task up close (function view or task viewer)',
  chart: 'the main chart',
  settings: 'the whole settings panel',
  presets: 'the Preset menu',
  more: 'the More settings disclosure',
  links: 'the Copy link buttons',
  tabs: 'the whole row of views',
  curves: 'the Learning curves view',
  batch: 'the Meta-batch tasks view',
  iteration: 'the One iteration view',
  'param-space': 'the Parameter space view',
  compare: 'the Compare view',
  insights: 'the Inside the learner view',
  data: 'the Omniglot data view',
  files: 'the Save & export view',
  about: 'the About MAML view',
} as const;

export type HideName = keyof typeof HIDEABLE;

/** The names in their declared order. */
export const HIDE_NAMES = Object.keys(HIDEABLE) as readonly HideName[];

export function isHideName(name: string): name is HideName {
  return (HIDE_NAMES as readonly string[]).includes(name);
}

export interface PageProblem {
  readonly key: 'present' | 'hide';
  /** Plain text that may quote the link (shortened): render it only as text. */
  readonly message: string;
}

export interface PageParams {
  /** Classroom mode: large type, thick lines, settings folded away. */
  readonly present: boolean;
  /** Names to leave out, without repeats, in the order of `HIDE_NAMES`. */
  readonly hidden: readonly HideName[];
  readonly problems: readonly PageProblem[];
}

export const NO_PAGE_PARAMS: PageParams = Object.freeze({
  present: false,
  hidden: Object.freeze([]),
  problems: Object.freeze([]),
});

/** A `hide` value longer than this is not read at all. */
export const MAX_HIDE_LENGTH = 1000;
/** A `present` value is quoted up to this many characters; a hide name up to QUOTE_NAME. */
const QUOTE_VALUE = 20;
const QUOTE_NAME = 24;
/** How many unknown names a notice quotes before it only counts them. */
const QUOTED_UNKNOWN = 5;

/** A piece of the link for a notice: short, one line, control characters shown as spaces. */
function quote(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const oneLine = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
  const chars = Array.from(oneLine);
  return chars.length <= max ? `"${oneLine}"` : `"${chars.slice(0, max).join('')}…"`;
}

/** The last value of `key`, the hash's over the query's; undefined when neither has it. */
function lastValue(key: string, search: string, hash: string): string | undefined {
  let value: string | undefined;
  for (const part of [search, hash]) {
    const found = new URLSearchParams(part.replace(/^[?#]/, '')).getAll(key).at(-1);
    if (found !== undefined) value = found;
  }
  return value;
}

function readPresent(given: string | undefined, problems: PageProblem[]): boolean {
  if (given === undefined) return false;
  const value = given.trim().toLowerCase();
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false' || value === '') return false;
  problems.push({
    key: 'present',
    message: `present=${quote(given, QUOTE_VALUE)} is not 1 or 0: classroom mode is off. Use present=1 to turn it on.`,
  });
  return false;
}

function readHide(given: string | undefined, problems: PageProblem[]): HideName[] {
  if (given === undefined) return [];
  const allowed = `Names that can be hidden: ${HIDE_NAMES.join(', ')}.`;
  if (given.length > MAX_HIDE_LENGTH) {
    problems.push({
      key: 'hide',
      message: `hide is ${given.length} characters long, more than ${MAX_HIDE_LENGTH}: nothing is hidden. ${allowed}`,
    });
    return [];
  }
  const named = new Set<HideName>();
  const unknown: string[] = [];
  for (const part of given.split(',')) {
    const name = part.trim().toLowerCase();
    if (name === '') continue;
    if (isHideName(name)) named.add(name);
    else if (!unknown.includes(name)) unknown.push(name);
  }
  if (unknown.length > 0) {
    const quoted = unknown.slice(0, QUOTED_UNKNOWN).map((name) => quote(name, QUOTE_NAME));
    const more = unknown.length - quoted.length;
    const list = quoted.join(', ') + (more > 0 ? ` and ${more} more` : '');
    const verb = unknown.length === 1 ? 'is not a name' : 'are not names';
    const rest = named.size > 0 ? 'the other names are hidden' : 'nothing else is hidden';
    problems.push({
      key: 'hide',
      message: `hide: ${list} ${verb} of a part of the page, so ${rest}. ${allowed}`,
    });
  }
  return HIDE_NAMES.filter((name) => named.has(name));
}

/** Classroom mode and the hidden parts from the address's query and hash text. */
export function parsePageParams(search: string, hash = ''): PageParams {
  const problems: PageProblem[] = [];
  const present = readPresent(lastValue('present', search, hash), problems);
  const hidden = readHide(lastValue('hide', search, hash), problems);
  return { present, hidden, problems };
}

/**
 * The page keys of a classroom link: `lesson` as the address has it, present=1, and the parts
 * hidden now (known names only), as query text to put after the settings.
 */
export function classroomQuery(lesson: string | null, hidden: readonly HideName[]): string {
  const query = new URLSearchParams();
  if (lesson !== null) query.set('lesson', lesson);
  query.set('present', '1');
  // Commas stay readable: every name is a plain lowercase word.
  const hide = hidden.length > 0 ? `&hide=${hidden.join(',')}` : '';
  return query.toString() + hide;
}

/** The page keys of a lesson link: only `lesson`, or '' when there is no lesson. */
export function lessonQuery(lesson: string | null): string {
  if (lesson === null) return '';
  const query = new URLSearchParams();
  query.set('lesson', lesson);
  return query.toString();
}

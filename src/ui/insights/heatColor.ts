/**
 * The diverging colour scale of the task-relations heatmap: orange for opposed gradients (-1), a
 * neutral middle for unrelated ones (0), blue for aligned ones (+1). Orange against blue stays
 * apart for the common kinds of colour blindness. The three colours are set per theme in
 * styles.css; cells get plain colours mixed here, in a few steps, so the grid is drawn as one
 * path per colour and stays cheap to redraw every second.
 */

export interface HeatPalette {
  readonly neg: readonly [number, number, number];
  readonly mid: readonly [number, number, number];
  readonly pos: readonly [number, number, number];
  readonly nan: string;
}

/** Used until the page's colours are read, and for a colour that cannot be parsed. */
const FALLBACK: HeatPalette = {
  neg: [179, 88, 6],
  mid: [244, 244, 242],
  pos: [33, 102, 172],
  nan: '#9aa3ad',
};

function parseHex(text: string): [number, number, number] | null {
  const match = /^#([0-9a-f]{6})$/i.exec(text.trim());
  if (match === null) return null;
  const value = parseInt(match[1]!, 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** The scale's colours as the theme sets them, read through `readVar` (a custom property's text). */
export function heatPalette(readVar: (name: string) => string): HeatPalette {
  return {
    neg: parseHex(readVar('--heat-neg')) ?? FALLBACK.neg,
    mid: parseHex(readVar('--heat-mid')) ?? FALLBACK.mid,
    pos: parseHex(readVar('--heat-pos')) ?? FALLBACK.pos,
    nan: readVar('--heat-nan').trim() || FALLBACK.nan,
  };
}

function hex(channel: number): string {
  return Math.round(channel).toString(16).padStart(2, '0');
}

/** Cells are coloured in steps of this much: finer than the eye tells apart in a heatmap. */
const HEAT_STEP = 0.02;

/** The step a cosine is coloured at, clamped to [-1, 1]; NaN for a value that is not a number. */
export function heatLevel(value: number): number {
  if (!Number.isFinite(value)) return NaN;
  const clamped = Math.max(-1, Math.min(1, value));
  return Number((Math.round(clamped / HEAT_STEP) * HEAT_STEP).toFixed(2));
}

/** The colour of a cosine in [-1, 1] (clamped; NaN gets the palette's grey). */
export function heatColor(value: number, palette: HeatPalette): string {
  const v = heatLevel(value);
  if (Number.isNaN(v)) return palette.nan;
  const end = v >= 0 ? palette.pos : palette.neg;
  const t = Math.abs(v);
  const mix = palette.mid.map((m, i) => m + (end[i]! - m) * t);
  return `#${hex(mix[0]!)}${hex(mix[1]!)}${hex(mix[2]!)}`;
}

/** Text on a cell this strongly coloured is drawn in the contrasting ink. */
export function needsStrongInk(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value) >= 0.55;
}

/** A cosine for a label or cell: two decimals, a true minus sign. */
export function formatCosine(value: number): string {
  if (!Number.isFinite(value)) return 'not a number';
  const text = Math.abs(value).toFixed(2);
  return value < 0 && text !== '0.00' ? `\u2212${text}` : text;
}

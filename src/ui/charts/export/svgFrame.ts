/**
 * The pure parts of turning a chart's drawing into a standalone SVG file: which computed styles
 * are written onto each element, and the frame (viewBox and size) the file is drawn in.
 */

/**
 * The presentation properties recharts' drawing depends on (all of them SVG presentation
 * attributes). Their computed values are written onto the copy's elements, so CSS classes and
 * variables (`var(--muted)`) no longer matter and the file looks the same in any program.
 */
export const INLINED_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
] as const;

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * How far past the drawing's edges a file reaches at most: enough for an axis label that spills
 * over, not for points a scatter draws far outside its window.
 */
export const MAX_SPILL = 24;

/**
 * The region a file shows: the drawing's own size, grown to whatever of its content spills past it
 * (the page lets axis labels overflow the drawing) by up to MAX_SPILL, in whole pixels.
 */
export function exportFrame(width: number, height: number, content: Box | null): Box {
  const spills = content !== null && content.width > 0 && content.height > 0;
  const left = Math.floor(spills ? Math.max(Math.min(0, content.x), -MAX_SPILL) : 0);
  const top = Math.floor(spills ? Math.max(Math.min(0, content.y), -MAX_SPILL) : 0);
  const right = Math.ceil(
    spills ? Math.min(Math.max(width, content.x + content.width), width + MAX_SPILL) : width,
  );
  const bottom = Math.ceil(
    spills ? Math.min(Math.max(height, content.y + content.height), height + MAX_SPILL) : height,
  );
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** The `viewBox` attribute of a frame. */
export function viewBoxOf(frame: Box): string {
  return `${frame.x} ${frame.y} ${frame.width} ${frame.height}`;
}

/**
 * Below the stage's top, what the plots leave room for: the stage panels' headings, controls,
 * legends and captions, and the row of views under the stage.
 */
const ROOM_BELOW_STAGE_TOP = 302;
const PHONE_WIDTH = 704;

/**
 * The plot height (CSS pixels) for a viewport and the stage's top (page pixels, unscrolled): pure,
 * so the rule reads in one place and is tested without a browser. `room` replaces the room kept
 * below the stage's top (classroom mode's larger type needs more, and no row of views).
 */
export function stagePlotHeight(
  width: number,
  height: number,
  stageTop: number,
  room: number = ROOM_BELOW_STAGE_TOP,
): number {
  // One column on a phone: the plot follows the width, so it keeps a readable shape.
  if (width <= PHONE_WIDTH) return Math.round(Math.min(320, Math.max(200, width * 0.7)));
  return Math.round(Math.min(540, Math.max(200, height - stageTop - room)));
}

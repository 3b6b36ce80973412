/** The message of anything thrown, as text for the page. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

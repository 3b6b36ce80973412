/**
 * An input file the user supplied cannot be read: not the format expected, damaged, or laid out
 * differently. The message is written for the person who chose the file, not for a developer.
 */
export class DataError extends Error {
  override readonly name = 'DataError';
}

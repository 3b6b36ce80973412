/** What the user has loaded, in words and counts the page can show. */

export interface ArchiveSummary {
  /** The file name as chosen. */
  readonly name: string;
  readonly kind: 'alphabets' | 'oneShotRuns';
  /** For alphabets: alphabets, characters and drawings; for runs: runs and images. */
  readonly alphabets: number;
  readonly characters: number;
  readonly images: number;
  readonly runs: number;
  /** Where its classes go: meta-training, held-out testing, or the one-shot runs. */
  readonly role: 'train' | 'test' | 'train+test' | 'runs';
}

export interface DataSummary {
  readonly archives: readonly ArchiveSummary[];
  /** Alphabets whose characters are held out for testing (see library.ts for the rule). */
  readonly heldOutAlphabets: readonly string[];
  /** True when task=omniglot can run: at least one alphabets archive is loaded. */
  readonly ready: boolean;
  readonly oneShotRuns: boolean;
}

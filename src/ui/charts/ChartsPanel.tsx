/** The live charts of the run (meta-training loss, per-task losses, adaptation curves). */
export function ChartsPanel() {
  return null;
}

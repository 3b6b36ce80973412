/**
 * The runner's `--export-pytorch file.py`: writes the experiment as a PyTorch script and trains
 * nothing. Settings the script cannot honour are refused with the reason (exit code 2).
 */
import { writeFileSync } from 'node:fs';
import type { ExperimentConfig } from '../core/config';
import { pytorchScript } from '../core/export/pytorchScript';
import { needsUserData } from '../core/families/registry';
import { unwritable } from './outputFiles';

/** Writes the script to `path`; returns the lines to print and whether it was written. */
export function exportPyTorch(
  config: ExperimentConfig,
  path: string,
): { readonly ok: boolean; readonly lines: string[] } {
  const script = pytorchScript(config);
  if (!script.ok) return { ok: false, lines: [`--export-pytorch: ${script.reason}`] };
  const problem = unwritable('--export-pytorch', path);
  if (problem !== null) return { ok: false, lines: [problem] };
  try {
    writeFileSync(path, script.text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, lines: [`--export-pytorch ${path}: ${reason}`] };
  }
  // Omniglot's images are the user's: the script reads the same zips the runner's --data does.
  const data = needsUserData(config) ? ' --omniglot images_background.zip' : '';
  return {
    ok: true,
    lines: [
      `PyTorch script written to ${path}. Run it with: python3 ${path}${data} --out results.json`,
      `or data-parallel: torchrun --nproc_per_node 2 ${path}${data} --out results.json`,
    ],
  };
}

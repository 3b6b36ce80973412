/**
 * A learner is one folder and one registry line, and so is a task family: no code outside
 * core/learners/<id>/ or core/families/<id>/ branches on its id. Branching on an id is what made
 * adding one an edit of many files the compiler does not point to; asking the registry a question
 * (does it adapt, does it learn rates, does it need the user's files) is not.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALGORITHM_IDS } from '../../src/core/learners/registry';
import { TASK_IDS } from '../../src/core/families/registry';

const SRC = join(import.meta.dirname, '../../src');

/** Names that are not learner ids where they appear (a benchmark's own variant names). */
const NOT_IDS: Readonly<Record<string, string>> = {
  'core/bench/classificationSpeed.ts': "the speed benchmark's variants are its own names",
  'core/bench/metaIterationSpeed.ts': "it times MAML's own two engines against each other",
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Where a file tests or maps an id: a comparison, a case label, or a map keyed by learner. */
function idBranches(text: string, id: string): number {
  const quoted = `'${id}'`;
  const patterns = [
    new RegExp(`[!=]==\\s*${quoted}`, 'g'),
    new RegExp(`${quoted}\\s*[!=]==`, 'g'),
    new RegExp(`case\\s+${quoted}`, 'g'),
    /Record<(AlgorithmId|TaskId|ExperimentConfig\['(algorithm|task)'\])/g,
  ];
  return patterns.reduce((sum, pattern) => sum + (text.match(pattern)?.length ?? 0), 0);
}

/** Files outside `folder`/<id>/ that branch on one of `ids`, with how often. */
function offenders(ids: readonly string[], folder: string): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const path = relative(SRC, file).split('\\').join('/');
    if (path in NOT_IDS) continue;
    const text = readFileSync(file, 'utf8');
    for (const id of ids) {
      if (path.startsWith(`${folder}/${id}/`)) continue;
      const count = idBranches(text, id);
      if (count > 0) found.push(`${path}: ${count} x ${id}`);
    }
  }
  return found;
}

describe('learner and task family ids', () => {
  it('of learners are branched on only inside their own folder', () => {
    expect(offenders(ALGORITHM_IDS, 'core/learners')).toEqual([]);
  });

  it('of task families are branched on only inside their own folder', () => {
    expect(offenders(TASK_IDS, 'core/families')).toEqual([]);
  });

  it('would catch a branch on an id', () => {
    expect(idBranches("if (config.algorithm === 'anil') return;", 'anil')).toBe(1);
    expect(idBranches("switch (id) { case 'anil': }", 'anil')).toBe(1);
    expect(idBranches("const a = 'anil';", 'anil')).toBe(0);
  });
});

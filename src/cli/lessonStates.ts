/**
 * Makes the starting states the page's lessons open from (public/lessons/lesson-N.json): for each
 * lesson, the runner trains its link for the lesson's `startIteration` iterations on wasm and
 * writes a lean state, exactly as a user would with
 *   npm run experiment -- --url '?lesson=N' --set iterations=K --save-state state.json
 * Usage: npm run lesson-states [-- N ...] (all lessons without numbers).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LESSONS } from '../core/lessons/lessons';
import { lessonStatePath } from '../core/lessons/lessonState';

const PUBLIC = 'public';

const wanted = process.argv.slice(2).map(Number);
const lessons = LESSONS.filter((lesson) => wanted.length === 0 || wanted.includes(lesson.number));
if (lessons.length === 0) {
  process.stderr.write(`No such lesson: the lessons are numbered 1 to ${LESSONS.length}.\n`);
  process.exit(2);
}
mkdirSync(join(PUBLIC, 'lessons'), { recursive: true });
let total = 0;
for (const lesson of lessons) {
  const path = join(PUBLIC, lessonStatePath(lesson));
  const args = [
    '--import',
    'tsx',
    'src/cli/experiment.ts',
    '--url',
    `?lesson=${lesson.number}`,
    '--set',
    `iterations=${lesson.startIteration}`,
    '--backend',
    'wasm',
    '--save-state',
    path,
    '--out',
    process.platform === 'win32' ? 'NUL' : '/dev/null',
  ];
  process.stderr.write(`Lesson ${lesson.number}: ${lesson.startIteration} iterations\n`);
  const run = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (run.status !== 0) {
    process.stderr.write(`Lesson ${lesson.number}: the runner exited with ${run.status}.\n`);
    process.exit(run.status ?? 1);
  }
  const bytes = statSync(path).size;
  total += bytes;
  process.stderr.write(`Lesson ${lesson.number}: ${path}, ${(bytes / 1024).toFixed(1)} KB\n`);
}
process.stderr.write(`${lessons.length} states, ${(total / 1024).toFixed(1)} KB in all.\n`);

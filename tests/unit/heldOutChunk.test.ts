/**
 * Held-out classification tasks are drawn in chunks sized by their images' bytes: 20 tasks at a
 * time for ordinary settings, fewer for huge ones, and the same tasks whatever the chunking.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, applyOverrides } from '../../src/core/config';
import { glyphPool } from '../../src/core/tasks/glyphsPool';
import { heldOutTasks } from '../../src/core/trainer/classification/stream';
import { sampleClassificationBatch } from '../../src/core/classification/sampling';
import { createRng } from '../../src/core/random/rng';
import {
  HELD_OUT_CHUNK_BYTES,
  MAX_HELD_OUT_CHUNK_TASKS,
  heldOutChunkTasks,
  heldOutTaskBytes,
} from '../../src/core/trainer/classification/heldOutChunk';

describe('held-out chunks', () => {
  it('hold 20 tasks of ordinary size, fewer of huge ones, and always at least one', () => {
    const ordinary = { ways: 5, shots: 1, queries: 100, imageSize: 28 };
    // 5 ways x 101 images x 784 pixels x 4 bytes: 1.6 MB a task.
    expect(heldOutTaskBytes(ordinary)).toBe(5 * 101 * 784 * 4);
    expect(heldOutChunkTasks(ordinary)).toBe(MAX_HELD_OUT_CHUNK_TASKS);
    const large = { ways: 20, shots: 5, queries: 100, imageSize: 28 };
    expect(heldOutChunkTasks(large)).toBe(Math.floor(HELD_OUT_CHUNK_BYTES / (20 * 105 * 784 * 4)));
    expect(heldOutChunkTasks({ ways: 20, shots: 1, queries: 1000, imageSize: 64 })).toBe(1);
  });

  it('draw the same tasks as one draw of them all', () => {
    const { config } = applyOverrides(DEFAULT_CONFIG, [
      'task=glyphs',
      'ways=10',
      'shots=5',
      'evalQuery=150',
      'imageSize=48',
    ]);
    const test = glyphPool(config.seed, 'test', 48);
    const sources = { train: glyphPool(config.seed, 'train', 48), test };
    // 10 ways x 155 images x 2,304 pixels x 4 bytes = 14 MB a task: 4 tasks a chunk.
    const chunks = [...heldOutTasks(config, sources, 6)];
    expect(chunks.map((chunk) => chunk.tasks)).toEqual([4, 2]);
    const all = sampleClassificationBatch(createRng(config.seed, 'evaluation'), test, {
      tasks: 6,
      ways: 10,
      shots: 5,
      queries: 150,
    });
    const bytes = (values: Float32Array | Int32Array) =>
      Buffer.from(values.buffer, values.byteOffset, values.byteLength);
    for (const key of ['supportImages', 'queryImages', 'supportLabels', 'queryLabels'] as const) {
      const joined = Buffer.concat(chunks.map((chunk) => bytes(chunk[key])));
      expect(joined.equals(bytes(all[key])), key).toBe(true);
    }
  });
});

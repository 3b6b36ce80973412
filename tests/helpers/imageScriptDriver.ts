/**
 * A small Python program for the image-classification export's tests: it loads exported scripts
 * as modules and runs each one's learner on a meta-batch given as JSON (the playground's
 * ClassificationBatch layout), writing every learner's first meta-gradient and scores as one JSON
 * list. It uses the scripts' own learners, training step and all-reduce, so it runs under
 * torchrun too; one process serves every script, so PyTorch starts once.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClassificationBatch } from '../../src/core/classification/types';

const DRIVER = `
import importlib.util
import json
import sys

import torch

batch_path, out_path, *script_paths = sys.argv[1:]

scripts = []
for index, script_path in enumerate(script_paths):
    spec = importlib.util.spec_from_file_location(f"exported{index}", script_path)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    scripts.append(script)
# One process group, joined once, serves every script.
rank, processes, device = scripts[0].start_processes("cpu")

with open(batch_path, encoding="utf-8") as file:
    b = json.load(file)
size, tasks = b["imageSize"], b["tasks"]
images = lambda values: torch.tensor(values, dtype=torch.float32).reshape(tasks, -1, 1, size, size)
labels = lambda values: torch.tensor(values, dtype=torch.int64).reshape(tasks, -1)
batch = scripts[0].ImageTasks(images(b["supportImages"]), labels(b["supportLabels"]),
                              images(b["queryImages"]), labels(b["queryLabels"]))
results = []
for script in scripts:
    learner = script.image_learner(device)
    share = (rank * script.META_BATCH // processes, (rank + 1) * script.META_BATCH // processes)
    grads, means = script.image_meta_gradient(learner, batch, share)
    results.append({"processes": processes, **means,
                    "gradient": [g.reshape(-1).tolist() for g in grads]})
if rank == 0:
    script.write_json(out_path, results)
if script.dist.is_initialized():
    script.dist.destroy_process_group()
`;

/** The driver's output: the meta-gradient (learner values in order) and the mean scores. */
export interface DriverGradient {
  readonly processes: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly before: number;
  readonly gradient: number[][];
}

/**
 * Writes the driver and the batch into `folder`; returns its arguments before the output file
 * (then come the scripts).
 */
export function prepareDriver(folder: string, batch: ClassificationBatch): string[] {
  const driver = join(folder, 'driver.py');
  const batchFile = join(folder, 'batch.json');
  writeFileSync(driver, DRIVER);
  writeFileSync(
    batchFile,
    JSON.stringify({
      ...batch,
      supportImages: Array.from(batch.supportImages),
      supportLabels: Array.from(batch.supportLabels),
      queryImages: Array.from(batch.queryImages),
      queryLabels: Array.from(batch.queryLabels),
    }),
  );
  return [driver, batchFile];
}

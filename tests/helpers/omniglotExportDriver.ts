/**
 * A small Python program around the exported script's Omniglot sections (its random streams and
 * PYTHON_OMNIGLOT), for comparing them with the playground's own pipeline: it reads zips, draws
 * tasks or decodes PNGs as a JSON request says, and writes images as raw float32 files.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PYTHON_RANDOM } from '../../src/core/export/pythonRandom';
import { PYTHON_OMNIGLOT } from '../../src/core/export/pythonOmniglot';
import { runPython, type PythonRun } from './python';

const DRIVER = `
def write_floats(path, tensor):
    with open(path, "wb") as file:
        file.write(bytes(tensor.to(torch.float32).contiguous().clone().untyped_storage()))


def write_tasks(out, name, tasks):
    write_floats(os.path.join(out, f"{name}-support.f32"), tasks.support_x)
    write_floats(os.path.join(out, f"{name}-query.f32"), tasks.query_x)
    return {"supportShape": list(tasks.support_x.shape), "queryShape": list(tasks.query_x.shape),
            "supportLabels": tasks.support_y.flatten().tolist(),
            "queryLabels": tasks.query_y.flatten().tolist(),
            "dtypes": [str(t.dtype) for t in tasks.tensors()]}


LIBRARIES = {}


def library_of(zips):
    """The zips read once for every job on them (the first job's read time is the reading's)."""
    if tuple(zips) not in LIBRARIES:
        LIBRARIES[tuple(zips)] = read_omniglot(zips)
    return LIBRARIES[tuple(zips)]


def draw_tasks(request):
    out, name = request["out"], request["name"]
    started = time.perf_counter()
    library = library_of(request["zips"])
    read_seconds = time.perf_counter() - started
    started = time.perf_counter()
    train_pool, test_pool = omniglot_pools(library, request["imageSize"], request["rotations"])
    pools_seconds = time.perf_counter() - started
    rng = create_rng(request["seed"], "tasks")
    batches, batch_seconds = [], []
    for index in range(request["batches"]):
        started = time.perf_counter()
        tasks = sample_image_tasks(rng, train_pool, request["metaBatch"], request["ways"],
                                   request["shots"], request["query"])
        batch_seconds.append(time.perf_counter() - started)
        batches.append(write_tasks(out, f"{name}-batch{index}", tasks))
        batches[-1]["partCount"] = tasks.part(1, tasks.count).to("cpu").count
    held_out, chunk = [], request["heldOutChunk"]
    rng = create_rng(request["seed"], "evaluation")
    for first in range(0, request["heldOut"], chunk):
        held_out.append(sample_image_tasks(rng, test_pool, min(chunk, request["heldOut"] - first),
                                           request["ways"], request["shots"], request["heldOutQueries"]))
    joined = ImageTasks(*(torch.cat(parts) for parts in zip(*(t.tensors() for t in held_out))))
    return {"trainClasses": train_pool.class_count, "testClasses": test_pool.class_count,
            "examplesPerClass": [train_pool.examples_per_class, test_pool.examples_per_class],
            "batches": batches, "heldOut": write_tasks(out, f"{name}-heldout", joined),
            "seconds": {"read": read_seconds, "pools": pools_seconds, "batches": batch_seconds}}


def one_shot(request):
    tasks, names = read_one_shot_runs(request["zip"], request["imageSize"])
    return {"names": names, "runs": write_tasks(request["out"], "runs", tasks)}


def decode_pngs(request):
    images = []
    with zipfile.ZipFile(request["zip"]) as archive:
        for index, name in enumerate(archive.namelist()):
            width, height, grey = decode_png(archive.read(name))
            write_floats(os.path.join(request["out"], f"png{index}.f32"), grey)
            images.append({"name": name, "width": width, "height": height})
    return {"images": images}


def read_only(request):
    omniglot_pools(read_omniglot(request["zips"]), 28, True)
    return {}


def main():
    """Runs every job of the list given; a refused one answers its message, and the driver then
    exits with status 2, as the script does."""
    answers = []
    actions = {"tasks": draw_tasks, "oneShot": one_shot, "png": decode_pngs, "read": read_only}
    for job in json.loads(sys.argv[1]):
        try:
            answers.append(actions[job["action"]](job))
        except DataError as error:
            print(f"error: {error}", file=sys.stderr)
            answers.append({"error": str(error)})
    print(json.dumps(answers))
    if any("error" in answer for answer in answers):
        sys.exit(2)


main()
`;

/** The driver with the sections under test, written into `folder`. */
export function writeOmniglotDriver(folder: string): string {
  const path = join(folder, 'omniglot_driver.py');
  const header = 'import json\nimport math\nimport os\nimport sys\nimport time\n\nimport torch\n';
  writeFileSync(path, [header, PYTHON_RANDOM, PYTHON_OMNIGLOT, DRIVER].join('\n'));
  return path;
}

/** Runs the driver on a list of jobs, in one process (PyTorch takes seconds to import). */
export function runOmniglotDriver(driver: string, jobs: readonly object[]): PythonRun {
  return runPython([driver, JSON.stringify(jobs)]);
}

/** Each job's answer (the JSON the driver prints): what it drew, or { error } where it refused. */
export function driverAnswers(run: PythonRun): unknown[] {
  if (run.stdout.trim() === '')
    throw new Error(`the driver failed (${run.status}):\n${run.stderr}`);
  return JSON.parse(run.stdout) as unknown[];
}

/** A float32 file the driver wrote. */
export function readFloats(path: string): Float32Array {
  // A copy: a small file's Buffer may sit at an offset a Float32Array cannot start at.
  return new Float32Array(Uint8Array.from(readFileSync(path)).buffer);
}

/**
 * The exported script's reader of the 20 standard one-shot runs (all_runs.zip), one task per run,
 * as src/core/classification/samplingOneShotRuns.ts lays them out.
 */
export const PYTHON_ONE_SHOT_RUNS = String.raw`
# ---------------------------------------------------------------------------------------------
# Lake et al.'s 20 one-shot runs (all_runs.zip), as the playground scores them.
# ---------------------------------------------------------------------------------------------
@one_thread
def one_shot_runs(library, image_size):
    """Lake et al.'s 20 one-shot runs as one task per run (src/core/classification/
    samplingOneShotRuns.ts): support = the run's training drawings (label = class number - 1, one
    shot), queries = its test items grouped by their answer's class. Returns (ImageTasks, run
    names), or None when the library holds no one-shot runs."""
    archive = next((a for a in library.archives if a.kind == "runs"), None)
    if archive is None:
        return None
    if not isinstance(image_size, int) or not 1 <= image_size <= MAX_IMAGE_SIZE:
        raise ValueError(f"image_size must be an integer from 1 to {MAX_IMAGE_SIZE}, not "
                         f"{image_size}")
    first = archive.runs[0]
    ways = len(first[1])
    queries = len(first[3]) // ways
    if queries * ways != len(first[3]):
        raise DataError(f"{first[0]} has {len(first[3])} test items for {ways} classes, so they "
                        "cannot be split evenly among the classes")
    support, query, labels = [], [], []
    for name, training, test, answers in archive.runs:
        if len(training) != ways:
            raise DataError(f"{name} has a different number of classes from {first[0]}")
        order = [item for label in range(ways)
                 for item, answer in enumerate(answers) if answer == label]
        if any(answers.count(label) != queries for label in range(ways)):
            raise DataError(f"{name}'s answer key does not give every class the same number of "
                            f"test items ({queries}), so its items cannot be grouped by class")
        support.append(_shrink_each(training, image_size))
        query.append(_shrink_each(test, image_size)[order])
        labels.append([answers[item] for item in order])
    runs = len(archive.runs)
    tasks = ImageTasks(torch.stack(support).unsqueeze(2), torch.arange(ways).repeat(runs, 1),
                       torch.stack(query).unsqueeze(2), torch.tensor(labels, dtype=torch.int64))
    return tasks, [run[0] for run in archive.runs]


def read_one_shot_runs(zip_path, image_size):
    """one_shot_runs of all_runs.zip alone."""
    runs = one_shot_runs(read_omniglot([zip_path]), image_size)
    if runs is None:
        raise DataError(f"{zip_path}: this is an alphabets archive, not the one-shot runs "
                        "(all_runs.zip)")
    return runs


def _shrink_each(drawings, size):
    """Drawings of any sizes -> [n, size, size], each shrunk and inverted."""
    return torch.cat([shrink_and_invert(d.unsqueeze(0), size) for d in drawings])
`;

/**
 * The exported script's N-way K-shot tasks: meta-batches and held-out tasks drawn from the
 * playground's random streams as src/core/classification/sampling.ts draws them.
 */
export const PYTHON_IMAGE_TASKS = String.raw`
# ---------------------------------------------------------------------------------------------
# N-way K-shot tasks (src/core/classification/sampling.ts, src/core/trainer/classification/
# stream.ts). The playground's random streams, each create_rng(SEED, name):
#   "tasks"       the meta-batches: one generator for the whole run, and one
#                 sample_image_tasks(rng, train_pool, META_BATCH, WAYS, SHOTS, QUERY) per iteration;
#   "evaluation"  the held-out tasks: a fresh generator at every evaluation (so every evaluation
#                 scores the same tasks), sample_image_tasks(rng, test_pool, n, WAYS, SHOTS, q)
#                 chunk after chunk (chunks change no task), q = max(1, min(EVAL_QUERY,
#                 test_pool.examples_per_class - SHOTS));
#   "init"        the learner's initial weights, also the pretrained baseline's; "scratch" the
#                 scratch baseline's. Nothing else draws from these streams.
# ---------------------------------------------------------------------------------------------
class ImageTasks(TaskBatch):
    """A batch of classification tasks: support_x [tasks, ways * shots, 1, size, size] float32,
    support_y [tasks, ways * shots] int64, query_x and query_y likewise with ways * query. Within a
    task, images go class by class (label 0's, then label 1's, ...), support and query alike."""


def _shuffle(rng, items):
    """Fisher-Yates from the end, so that labels follow no order of the pool's."""
    for i in range(len(items) - 1, 0, -1):
        j = random_below(rng, i + 1)
        items[i], items[j] = items[j], items[i]
    return items


@one_thread
def sample_image_tasks(rng, pool, tasks, ways, shots, query):
    """tasks N-way K-shot tasks from pool, drawn as the playground draws them: per task, ways
    distinct classes (then shuffled: label = position), then per class shots + query distinct
    drawings, support first."""
    for name, value in (("tasks", tasks), ("ways", ways), ("shots", shots), ("query", query)):
        if not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be a positive integer, not {value}")
    if pool.class_count < ways:
        raise DataError(f"a {ways}-way task needs {ways} classes, but the data holds only "
                        f"{pool.class_count}")
    if pool.examples_per_class < shots + query:
        raise DataError(f"{shots} shots and {query} queries need {shots + query} drawings of each "
                        f"class, but some classes have only {pool.examples_per_class}")
    size = pool.image_size
    support_x = torch.empty(tasks, ways, shots, 1, size, size)
    query_x = torch.empty(tasks, ways, query, 1, size, size)
    for t in range(tasks):
        for label, class_id in enumerate(_shuffle(rng, pool.pick_classes(rng, ways))):
            drawings = pool.draw_examples(rng, class_id, shots + query)
            support_x[t, label, :, 0] = drawings[:shots]
            query_x[t, label, :, 0] = drawings[shots:]
    labels = torch.arange(ways, dtype=torch.int64)
    return ImageTasks(support_x.reshape(tasks, ways * shots, 1, size, size),
                      labels.repeat_interleave(shots).repeat(tasks, 1),
                      query_x.reshape(tasks, ways * query, 1, size, size),
                      labels.repeat_interleave(query).repeat(tasks, 1))
`;

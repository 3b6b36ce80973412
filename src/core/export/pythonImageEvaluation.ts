/**
 * The exported script's held-out evaluation on image tasks: src/core/trainer/trainer.ts
 * evaluate() with trainer/classification/scores.ts and classification/adaptation.ts (query loss
 * and accuracy after 0..testInnerSteps steps, mean and 95% interval over the seed's first
 * evalTasks held-out tasks, drawn in the playground's chunks) and the one-shot runs' score
 * (trainer/classification/learner.ts).
 */
export const PYTHON_IMAGE_EVALUATION = `
# ---------------------------------------------------------------------------------------------
# Held-out evaluation: EVAL_TASKS tasks of held-out classes from the seed's 'evaluation' stream,
# each adapted from a model's weights by its own rule, its query set scored after every step.
# ---------------------------------------------------------------------------------------------
def adaptation_scores(params, rule, tasks):
    """Every task's query loss and accuracy after 0..TEST_INNER_STEPS steps: [step][task] each.
    rule: (rates, first_adapted), or None for a prototypical network (nothing to adapt: the
    same scores at every step)."""
    steps = TEST_INNER_STEPS + 1
    fixed = [p.detach() for p in params]
    if rule is None:
        with torch.no_grad():
            logits = prototype_logits(fixed, tasks)
        scores = cross_entropies(logits, tasks.query_y).tolist(), \\
            accuracies(logits, tasks.query_y).tolist()
        return [scores[0]] * steps, [scores[1]] * steps
    rates, first_adapted = rule
    losses, accuracy = [], []
    weights = task_copies(fixed, tasks.count)
    for step in range(steps):
        if step > 0:
            # One step at a time, off the tape: no gradient flows through the evaluation.
            weights = inner_steps(fresh(weights), rates, support_losses(tasks), 1, first_adapted,
                                  create_graph=False)
        with torch.no_grad():
            logits = classify(weights, tasks.query_x)
            losses.append(cross_entropies(logits, tasks.query_y).tolist())
            accuracy.append(accuracies(logits, tasks.query_y).tolist())
    return losses, accuracy


def held_out_queries(pool):
    """Query images per class at evaluation: EVAL_QUERY, or as many as the pool has beside the
    shots."""
    return max(1, min(EVAL_QUERY, pool.examples_per_class - SHOTS))


def held_out_chunk(queries):
    """Held-out tasks drawn at a time (the playground's chunks: at most HELD_OUT_CHUNK_TASKS, their
    images at most HELD_OUT_CHUNK_BYTES). Tasks come from one stream one after another, so the
    chunks bound memory without changing which tasks they are."""
    task_bytes = 4 * WAYS * (SHOTS + queries) * IMAGE_SIZE * IMAGE_SIZE
    return min(HELD_OUT_CHUNK_TASKS, max(1, HELD_OUT_CHUNK_BYTES // task_bytes))


def evaluate_on_images(models, test_pool, device):
    """Every model on the same held-out tasks. models: (id, role, params, rule, iteration,
    msPerIteration, divergence) each; returns the results file's evaluation."""
    rng = create_rng(SEED, "evaluation")
    queries = held_out_queries(test_pool)
    chunk = held_out_chunk(queries)
    scores = [([[] for _ in range(TEST_INNER_STEPS + 1)], [[] for _ in range(TEST_INNER_STEPS + 1)])
              for _ in models]
    for first in range(0, EVAL_TASKS, chunk):
        count = min(chunk, EVAL_TASKS - first)
        tasks = sample_image_tasks(rng, test_pool, count, WAYS, SHOTS, queries).to(device)
        for (_, _, params, rule, *_), (losses, accuracy) in zip(models, scores):
            chunk_losses, chunk_accuracy = adaptation_scores(params, rule, tasks)
            for step in range(TEST_INNER_STEPS + 1):
                losses[step] += chunk_losses[step]
                accuracy[step] += chunk_accuracy[step]
    return {
        "steps": list(range(TEST_INNER_STEPS + 1)),
        "tasks": EVAL_TASKS,
        "lossKind": "cross-entropy",
        "models": [
            {"id": model_id, "role": role, "loss": summarize(losses),
             "accuracy": summarize(accuracy), "iteration": iteration,
             "msPerIteration": milliseconds, "divergence": divergence}
            for (model_id, role, _, _, iteration, milliseconds, divergence), (losses, accuracy)
            in zip(models, scores)
        ],
    }


def one_shot_runs_score(learner, runs, device):
    """The error rate on the standard 20-way one-shot runs (each run's 20 training drawings the
    support set, its 20 test drawings the queries), after the learner's test-time adaptation.
    runs: (ImageTasks, names). A learner with a head per way scores them only when trained with
    as many ways."""
    started = time.perf_counter()
    tasks, names = runs
    ways = int(tasks.support_y.max()) + 1
    rule = learner.test_rule()
    steps = 0 if rule is None else TEST_INNER_STEPS
    if rule is not None and ways != WAYS:
        problem = (f"The one-shot runs are {ways}-way, but this network was trained with "
                   f"{WAYS} ways (one output per way): train with ways = {ways} to score them, or "
                   "use protonet, which works for any number of classes.")
        return {"score": None, "problem": problem, "seconds": time.perf_counter() - started}
    _, accuracy = adaptation_scores(learner.theta, rule, tasks.to(device))
    items = tasks.query_y.shape[1]
    scored = [{"name": name, "errors": round((1 - a) * items), "items": items}
              for name, a in zip(names, accuracy[-1])]
    summary = summarize([[run["errors"] / run["items"] for run in scored]])
    return {"score": {"runs": scored, "errorRate": summary["mean"][0],
                      "ci95": summary["ci95"][0], "steps": steps},
            "problem": None, "seconds": time.perf_counter() - started}
`;

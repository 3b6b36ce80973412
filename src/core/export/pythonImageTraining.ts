/**
 * The exported script's training loop on image tasks (src/core/trainer/trainer.ts with the
 * classification stream: one meta-batch per iteration from the seed's 'tasks' stream, shared by
 * the learner and the pretrained baseline), on one process or data-parallel under torchrun, and
 * the playground's divergence checks (trainer/divergence.ts).
 */
export const PYTHON_IMAGE_TRAINING = `
# ---------------------------------------------------------------------------------------------
# Training on image tasks, on one process or data-parallel over each meta-batch's tasks.
# ---------------------------------------------------------------------------------------------
def shared_sums(grads, scores):
    """Every process's share added up in one all-reduce: the gradients and each score's sum."""
    names = sorted(scores)
    flat = torch.cat([g.reshape(-1) for g in grads] + [scores[n].sum().reshape(1) for n in names])
    if dist.is_initialized():
        dist.all_reduce(flat)
    parts = torch.split(flat[:-len(names)], [g.numel() for g in grads])
    sums = flat[-len(names):].tolist()
    return [part.reshape(g.shape) for part, g in zip(parts, grads)], dict(zip(names, sums))


def image_meta_gradient(model, tasks, share):
    """A model's gradient over the whole meta-batch (each process computes its share of the
    tasks) and the means of its scores over the meta-batch's tasks."""
    grads, scores = model.meta_gradient(tasks.part(*share))
    grads, sums = shared_sums(grads, scores)
    return grads, {name: total / META_BATCH for name, total in sums.items()}


def learner_divergence(iteration, grads, means, recent):
    """The playground's checks of a learner's step: a number not finite, the query loss after
    adapting more than EXPLOSION_FACTOR times the loss before, or the median of the latest
    ABOVE_GUESSING_WINDOW losses over ABOVE_GUESSING_FACTOR times the loss of guessing."""
    stop = f"Training stopped at iteration {iteration}: "
    advice = "; lower INNER_LR or META_LR."
    if not is_finite(sum(means.values()), grads):
        return stop + "a loss or gradient became NaN or infinite" + advice
    if means["loss"] > EXPLOSION_FACTOR * max(means["before"], sys.float_info.min):
        return (stop + f"adapting made the query loss explode ({means['before']:.3g} before, "
                f"{means['loss']:.3g} after)" + advice)
    recent.append(means["loss"])
    del recent[:-ABOVE_GUESSING_WINDOW]
    guessing = math.log(WAYS)
    if len(recent) == ABOVE_GUESSING_WINDOW:
        ordered = sorted(recent)
        median = (ordered[ABOVE_GUESSING_WINDOW // 2 - 1] + ordered[ABOVE_GUESSING_WINDOW // 2]) / 2
        if median > ABOVE_GUESSING_FACTOR * guessing:
            return (stop + f"the query loss after adaptation over the last {ABOVE_GUESSING_WINDOW} "
                    f"meta-iterations (median {median:.1f}) is more than {ABOVE_GUESSING_FACTOR} "
                    f"times the loss of guessing (ln ways = {guessing:.2f})" + advice)
    return None


def train_on_images(learner, pretrained, train_pool, iterations, rank, processes, device,
                    gradient_out):
    """Meta-trains the learner and the pretrained baseline on the same meta-batches. Returns the
    learner's loss and accuracy of every iteration, each model's milliseconds per step and the
    divergences (the learner's stops the run; the baseline's stops the baseline alone)."""
    task_rng = create_rng(SEED, "tasks")
    share = (rank * META_BATCH // processes, (rank + 1) * META_BATCH // processes)
    curve, accuracy_curve, recent = [], [], []
    divergence, pretrained_divergence = None, None
    seconds = {"learner": 0.0, "pretrained": 0.0}
    pretrained_steps = 0
    for iteration in range(1, iterations + 1):
        tasks = sample_image_tasks(task_rng, train_pool, META_BATCH, WAYS, SHOTS, QUERY).to(device)
        started = time.perf_counter()
        grads, means = image_meta_gradient(learner, tasks, share)
        if iteration == 1 and gradient_out and rank == 0:
            write_json(gradient_out, {"processes": processes, "loss": means["loss"],
                                      "accuracy": means["accuracy"],
                                      "gradient": [g.reshape(-1).tolist() for g in grads]})
        message = learner_divergence(iteration, grads, means, recent)
        if message:
            divergence = {"iteration": iteration, "message": message}
            break
        outer_step(learner, grads)
        seconds["learner"] += time.perf_counter() - started
        curve.append(means["loss"])
        accuracy_curve.append(means["accuracy"])
        if (iteration - 1) % PRETRAIN_EVERY == 0 and pretrained_divergence is None:
            started = time.perf_counter()
            grads, joint = image_meta_gradient(pretrained, tasks, share)
            if is_finite(sum(joint.values()), grads):
                outer_step(pretrained, grads)
                pretrained_steps += 1
            else:
                pretrained_divergence = (f"Training stopped at iteration {iteration}: a loss or "
                                         "gradient became NaN or infinite.")
            seconds["pretrained"] += time.perf_counter() - started
        if rank == 0 and (iteration % 100 == 0 or iteration == iterations):
            print(f"iteration {iteration}/{iterations}: meta-training loss {means['loss']:.4f}, "
                  f"accuracy {means['accuracy']:.3f}", file=sys.stderr)
    milliseconds = {
        "learner": 1000 * seconds["learner"] / max(1, len(curve)),
        "pretrained": 1000 * seconds["pretrained"] / max(1, pretrained_steps),
    }
    return curve, accuracy_curve, milliseconds, divergence, pretrained_divergence
`;

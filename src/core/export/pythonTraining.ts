/** What both training loops share: the processes (torchrun), the outer step and the finiteness check. */
export const PYTHON_PROCESSES = `
# ---------------------------------------------------------------------------------------------
# Processes: one, or data-parallel over the tasks of each meta-batch (torchrun).
# ---------------------------------------------------------------------------------------------
def start_processes(device_choice):
    """(rank, processes, device). Under torchrun (WORLD_SIZE > 1) the processes join one group,
    NCCL between GPUs and Gloo between CPUs, and each takes its share of every meta-batch."""
    processes = int(os.environ.get("WORLD_SIZE", "1"))
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    cuda = torch.cuda.is_available() if device_choice == "auto" else device_choice == "cuda"
    device = torch.device(f"cuda:{local_rank}" if cuda else "cpu")
    if cuda:
        torch.cuda.set_device(device)
    if processes > 1:
        dist.init_process_group("nccl" if cuda else "gloo")
        return dist.get_rank(), processes, device
    return 0, 1, device


def outer_step(model, grads):
    """Adam on the model's values (torch.optim.Adam computes the playground's update)."""
    for value, grad in zip(model.values(), grads):
        value.grad = grad
    model.optimiser.step()
    model.optimiser.zero_grad(set_to_none=True)


def is_finite(loss, grads):
    return math.isfinite(loss) and all(bool(torch.isfinite(g).all()) for g in grads)
`;

/**
 * The exported script's training loop (src/core/trainer/trainer.ts: one meta-batch per iteration
 * from the seed's 'tasks' stream, shared by the learner and the pretrained baseline), on one process
 * or data-parallel over each meta-batch's tasks under torchrun.
 */
export const PYTHON_TRAINING = `
# ---------------------------------------------------------------------------------------------
# Training, on one process or data-parallel over the tasks of each meta-batch (torchrun).
# ---------------------------------------------------------------------------------------------
def all_reduced(grads, loss_sum):
    """Every process's share added up: one all-reduce of the flattened gradients and loss sum."""
    flat = torch.cat([g.reshape(-1) for g in grads] + [loss_sum.reshape(1)])
    if dist.is_initialized():
        dist.all_reduce(flat)
    parts = torch.split(flat[:-1], [g.numel() for g in grads])
    return [part.reshape(g.shape) for part, g in zip(parts, grads)], flat[-1].item()


def meta_gradient(model, tasks, share):
    """A model's gradient over the whole meta-batch (each process computes its share of the
    tasks) and the mean of the tasks' losses."""
    grads, losses = model.meta_gradient(tasks.part(*share))
    grads, loss_sum = all_reduced(grads, losses.sum())
    return grads, loss_sum / META_BATCH


def train(learner, pretrained, iterations, rank, processes, device, gradient_out):
    """Meta-trains the learner and the pretrained baseline on the same meta-batches. Returns the
    learner's loss of every iteration, each model's milliseconds per step and divergences (the
    learner's stops the run; the baseline's stops the baseline alone, as in the playground)."""
    task_rng = create_rng(SEED, "tasks")
    share = (rank * META_BATCH // processes, (rank + 1) * META_BATCH // processes)
    curve, divergence, pretrained_divergence = [], None, None
    seconds = {"learner": 0.0, "pretrained": 0.0}
    pretrained_steps = 0
    for iteration in range(1, iterations + 1):
        tasks = sample_sine_waves(task_rng, META_BATCH, SHOTS, QUERY).to(device)
        started = time.perf_counter()
        grads, loss = meta_gradient(learner, tasks, share)
        if iteration == 1 and gradient_out and rank == 0:
            write_json(gradient_out, {"processes": processes, "loss": loss,
                                      "gradient": [g.reshape(-1).tolist() for g in grads]})
        if not is_finite(loss, grads):
            divergence = {"iteration": iteration,
                          "message": f"The meta-training loss or its gradient became NaN or "
                                     f"infinite at iteration {iteration}; lower INNER_LR or META_LR."}
            break
        outer_step(learner, grads)
        seconds["learner"] += time.perf_counter() - started
        curve.append(loss)
        if (iteration - 1) % PRETRAIN_EVERY == 0 and pretrained_divergence is None:
            started = time.perf_counter()
            grads, joint_loss = meta_gradient(pretrained, tasks, share)
            if is_finite(joint_loss, grads):
                outer_step(pretrained, grads)
                pretrained_steps += 1
            else:
                pretrained_divergence = f"Its joint loss became NaN or infinite at iteration {iteration}."
            seconds["pretrained"] += time.perf_counter() - started
        if rank == 0 and (iteration % 1000 == 0 or iteration == iterations):
            print(f"iteration {iteration}/{iterations}: meta-training loss {loss:.4f}",
                  file=sys.stderr)
    milliseconds = {
        "learner": 1000 * seconds["learner"] / max(1, len(curve)),
        "pretrained": 1000 * seconds["pretrained"] / max(1, pretrained_steps),
    }
    return curve, milliseconds, divergence, pretrained_divergence
`;

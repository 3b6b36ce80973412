/** The mean over tasks with its normal 95% interval (src/core/maml/evaluation.ts summarize). */
export const PYTHON_SUMMARY = `
def summarize(per_step):
    """Mean over tasks and the half-width of its normal 95% interval, 1.96 * std / sqrt(n)."""
    mean, ci95 = [], []
    for values in per_step:
        n = len(values)
        m = sum(values) / n
        std = math.sqrt(sum((v - m) ** 2 for v in values) / (n - 1)) if n > 1 else 0.0
        mean.append(m)
        ci95.append(1.96 * std / math.sqrt(n))
    return {"mean": mean, "ci95": ci95}
`;

/**
 * The exported script's held-out evaluation: src/core/maml/evaluation.ts (query loss after 0..k
 * inner steps, mean and normal 95% interval over tasks) and the results file's evaluation.
 */
export const PYTHON_EVALUATION = `
# ---------------------------------------------------------------------------------------------
# Held-out evaluation: EVAL_TASKS new tasks from the seed's 'evaluation' stream, each adapted
# from a model's weights by its inner rule, scored on EVAL_QUERY query points after every step.
# ---------------------------------------------------------------------------------------------
def adaptation_losses(params, rule, tasks, chunk=100):
    """Every task's query loss after 0, 1, ..., TEST_INNER_STEPS inner steps: losses[step][task]."""
    rates, first_adapted = rule
    losses = [[] for _ in range(TEST_INNER_STEPS + 1)]
    fixed = [p.detach() for p in params]
    for first in range(0, tasks.count, chunk):
        part = tasks.part(first, min(first + chunk, tasks.count))
        weights = fixed[:first_adapted] + per_task(fixed[first_adapted:], part.count)
        for step in range(TEST_INNER_STEPS + 1):
            if step > 0:
                # One step at a time, off the tape: no gradient flows through the evaluation.
                weights = [w.detach().requires_grad_() for w in weights]
                weights = adapt(weights, rates, part.support_x, part.support_y, 1,
                                first_adapted, create_graph=False)
            with torch.no_grad():
                losses[step] += task_losses(weights, part.query_x, part.query_y).tolist()
    return losses


def model_curves(model_id, role, params, rule, tasks, iteration, ms_per_iteration,
                 divergence=None):
    """One model's entry of the results file's evaluation."""
    return {
        "id": model_id,
        "role": role,
        "loss": summarize(adaptation_losses(params, rule, tasks)),
        "accuracy": None,
        "iteration": iteration,
        "msPerIteration": ms_per_iteration,
        "divergence": divergence,
    }
`;

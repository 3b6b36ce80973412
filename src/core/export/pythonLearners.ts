/**
 * The exported script's learners: the inner loop they share and each one's meta-gradient, as in
 * src/core/learners (MAML, first-order MAML, Meta-SGD, ANIL, Reptile) and the pretrained baseline
 * of src/core/trainer/regression/baselines.ts.
 */
export const PYTHON_LEARNERS = `
# ---------------------------------------------------------------------------------------------
# The inner loop and the learners.
# ---------------------------------------------------------------------------------------------
def adapt(weights, rates, x, y, steps, first_adapted, create_graph):
    """Takes "steps" SGD steps of every task on its own points (x, y): w <- w - rate * dL/dw.

    Arguments:
        weights: the parameters, per task from "first_adapted" on (see per_task); the layers
            before it stay fixed (ANIL adapts the head only).
        rates: one rate per parameter: a number, or a tensor of the parameter's shape (Meta-SGD).
        create_graph: keep the steps on autograd's tape, so a meta-gradient flows through them
            (second order); without it each inner gradient is a constant (first order).
    """
    weights = list(weights)
    for _ in range(steps):
        # Task t's copy reaches only task t's loss, so the sum's gradient is each task's own.
        loss = task_losses(weights, x, y).sum()
        adapted = weights[first_adapted:]
        grads = torch.autograd.grad(loss, adapted, create_graph=create_graph, retain_graph=True)
        weights[first_adapted:] = [
            w - rate * g for w, rate, g in zip(adapted, rates[first_adapted:], grads)
        ]
    return weights


class Learner:
    """A meta-learner of the MAML family: shared initial weights theta, and how a task adapts.

    MAML (Finn, Abbeel and Levine 2017) steps every weight at INNER_LR; first-order MAML does the
    same with the inner gradients held constant; Meta-SGD (Li et al. 2017) also meta-learns a rate
    for every weight (alpha, starting at INNER_LR); ANIL (Raghu et al. 2020) adapts the last layer
    only; Reptile (Nichol et al. 2018) moves theta toward each task's weights after SGD on all of
    its points.
    """

    def __init__(self, algorithm, theta, device):
        self.algorithm = algorithm
        self.theta = [p.detach().clone().to(device).requires_grad_() for p in theta]
        self.alpha = ([torch.full_like(p, INNER_LR).requires_grad_() for p in self.theta]
                      if algorithm == "metasgd" else [])
        self.first_order = FIRST_ORDER or algorithm == "fomaml"
        self.first_adapted = len(theta) - 2 if algorithm == "anil" else 0
        self.optimiser = torch.optim.Adam(self.values(), lr=META_LR)

    def values(self):
        """Everything the outer loop trains: theta, then Meta-SGD's rates."""
        return self.theta + self.alpha

    def rates(self):
        return self.alpha if self.alpha else [INNER_LR] * len(self.theta)

    def start(self, params, tasks):
        """Where each task's inner loop starts: fixed layers shared, adapted ones copied per task."""
        first = self.first_adapted
        return params[:first] + per_task(params[first:], tasks)

    def meta_gradient(self, tasks):
        """These tasks' share of the meta-gradient (their sum over META_BATCH, so that the shares
        of all processes add up to the mean over the meta-batch) and their query losses."""
        if self.algorithm == "reptile":
            return self.reptile_direction(tasks)
        start = self.start(self.theta, tasks.count)
        adapted = adapt(start, self.rates(), tasks.support_x, tasks.support_y, INNER_STEPS,
                        self.first_adapted, create_graph=not self.first_order)
        losses = task_losses(adapted, tasks.query_x, tasks.query_y)
        grads = torch.autograd.grad(losses.sum() / META_BATCH, self.values(), allow_unused=True)
        return [zeros_if_none(g, p) for g, p in zip(grads, self.values())], losses.detach()

    def reptile_direction(self, tasks):
        """Reptile, batched (Nichol et al. 2018, Algorithm 2): theta - mean_t(phi_t), phi_t after
        INNER_STEPS SGD steps on all of task t's points, handed to Adam as the gradient. Its
        reported loss is MAML's: the query loss after INNER_STEPS steps on the support points."""
        theta = [p.detach().requires_grad_() for p in self.theta]
        x = torch.cat([tasks.support_x, tasks.query_x], dim=1)
        y = torch.cat([tasks.support_y, tasks.query_y], dim=1)
        phi = adapt(per_task(theta, tasks.count), self.rates(), x, y, INNER_STEPS, 0, False)
        direction = [(p - w.detach().reshape(tasks.count, *p.shape)).sum(dim=0) / META_BATCH
                     for p, w in zip(theta, phi)]
        support_only = adapt(per_task(theta, tasks.count), self.rates(), tasks.support_x,
                             tasks.support_y, INNER_STEPS, 0, False)
        losses = task_losses(support_only, tasks.query_x, tasks.query_y).detach()
        return [d.detach() for d in direction], losses

    def test_rule(self):
        """How a held-out task adapts: the learner's own inner rule, with no meta-gradient."""
        return [r.detach() if torch.is_tensor(r) else r for r in self.rates()], self.first_adapted


class Pretrained:
    """The pretrained baseline (the MAML paper's): the same initial network trained by Adam at
    META_LR on the mean squared error over every point of each meta-batch, one step on every
    PRETRAIN_EVERY-th meta-batch; at test time it adapts by plain SGD at INNER_LR."""

    def __init__(self, theta, device):
        self.theta = [p.detach().clone().to(device).requires_grad_() for p in theta]
        self.optimiser = torch.optim.Adam(self.theta, lr=META_LR)

    def values(self):
        return self.theta

    def meta_gradient(self, tasks):
        x = torch.cat([tasks.support_x, tasks.query_x], dim=1)
        y = torch.cat([tasks.support_y, tasks.query_y], dim=1)
        # Every task has as many points: the mean over all points is the mean of the tasks' means.
        losses = task_losses(self.theta, x, y)
        grads = torch.autograd.grad(losses.sum() / META_BATCH, self.theta)
        return list(grads), losses.detach()

    def test_rule(self):
        return [INNER_LR] * len(self.theta), 0


def zeros_if_none(grad, like):
    return torch.zeros_like(like) if grad is None else grad
`;

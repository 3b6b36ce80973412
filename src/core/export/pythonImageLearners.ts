/**
 * The exported script's classification learners, as src/core/classification/innerLoop.ts and the
 * learners compute them: MAML, first-order MAML, Meta-SGD, ANIL and Reptile
 * (learners/<id>/classification.ts), prototypical networks (learners/protonet/protoNet.ts) and
 * the pretrained baseline (trainer/classification/baselines.ts, step.ts).
 */
export const PYTHON_IMAGE_LEARNERS = `
# ---------------------------------------------------------------------------------------------
# The inner loop and the learners. Every task adapts its own copy of the parameters; a batch's
# summed loss has each task's own gradient with respect to its copy.
# ---------------------------------------------------------------------------------------------
def inner_steps(weights, rates, losses_of, steps, first_adapted, create_graph):
    """"steps" SGD steps of every task on its own inner loss: w <- w - rate * dL/dw.

    Arguments:
        weights: per-task parameters (task_copies); those before "first_adapted" stay fixed
            (ANIL adapts the head only).
        rates: one rate per parameter: a number, or a tensor of the parameter's shape (Meta-SGD).
        losses_of: weights -> each task's inner loss [T].
        create_graph: keep the steps on autograd's tape, so the meta-gradient flows through the
            inner gradients (second order); without, each inner gradient is a constant.
    """
    weights = list(weights)
    for _ in range(steps):
        adapted = weights[first_adapted:]
        grads = torch.autograd.grad(losses_of(weights).sum(), adapted, create_graph=create_graph)
        weights[first_adapted:] = [
            w - rate * g for w, rate, g in zip(adapted, rates[first_adapted:], grads)
        ]
    return weights


def support_losses(tasks):
    return lambda weights: task_losses(weights, tasks.support_x, tasks.support_y)


def joint_losses(tasks):
    """Each task's mean loss over all its images, each set normalised by its own statistics:
    the sets' means weighted by their shares of the task's images."""
    support, query = tasks.support_y.shape[1], tasks.query_y.shape[1]
    rows = support + query
    return lambda weights: (task_losses(weights, tasks.support_x, tasks.support_y) * (support / rows)
                            + task_losses(weights, tasks.query_x, tasks.query_y) * (query / rows))


def fresh(params):
    """Leaves detached from any tape, for steps that no meta-gradient goes through."""
    return [p.detach().requires_grad_() for p in params]


class ImageLearner:
    """A learner of the MAML family on image tasks: shared initial weights theta and how a task
    adapts. MAML (Finn et al. 2017) steps every weight at INNER_LR, second order; first-order MAML
    holds the inner gradients constant; Meta-SGD (Li et al. 2017) also meta-learns a rate for
    every weight (alpha, starting at INNER_LR); ANIL (Raghu et al. 2020) adapts the head only;
    Reptile (Nichol et al. 2018) moves theta toward each task's weights after SGD on all of its
    images."""

    def __init__(self, algorithm, device):
        self.algorithm = algorithm
        theta = initial_classifier(create_rng(SEED, "init"), WAYS)
        self.theta = [p.to(device).requires_grad_() for p in theta]
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

    def loss_before(self, tasks):
        """Each task's query loss at theta, before adapting (what an explosion is measured by)."""
        with torch.no_grad():
            return task_losses(task_copies(self.theta, tasks.count), tasks.query_x, tasks.query_y)

    def meta_gradient(self, tasks):
        """These tasks' share of the meta-gradient (their sum over META_BATCH, so the shares of
        all processes add up to the mean over the meta-batch) and their scores [T]."""
        if self.algorithm == "reptile":
            return self.reptile_direction(tasks)
        adapted = inner_steps(task_copies(self.theta, tasks.count), self.rates(),
                              support_losses(tasks), INNER_STEPS, self.first_adapted,
                              create_graph=not self.first_order)
        logits = classify(adapted, tasks.query_x)
        losses = cross_entropies(logits, tasks.query_y)
        grads = torch.autograd.grad(losses.sum() / META_BATCH, self.values(), allow_unused=True)
        grads = [torch.zeros_like(p) if g is None else g for g, p in zip(grads, self.values())]
        return grads, {"before": self.loss_before(tasks), "loss": losses.detach(),
                       "accuracy": accuracies(logits.detach(), tasks.query_y)}

    def reptile_direction(self, tasks):
        """Reptile, batched (Nichol et al. 2018, Algorithm 2): theta - mean_t(phi_t), phi_t after
        INNER_STEPS SGD steps on all of task t's images, handed to Adam as the gradient. Its
        scores are MAML's: the query set after INNER_STEPS steps on the support set."""
        theta = fresh(self.theta)
        rates = self.rates()
        phi = inner_steps(task_copies(theta, tasks.count), rates, joint_losses(tasks),
                          INNER_STEPS, 0, False)
        direction = [(p - w.detach()).sum(dim=0) / META_BATCH for p, w in zip(theta, phi)]
        support_only = inner_steps(task_copies(theta, tasks.count), rates, support_losses(tasks),
                                   INNER_STEPS, 0, False)
        with torch.no_grad():
            logits = classify(support_only, tasks.query_x)
        return [d.detach() for d in direction], {
            "before": self.loss_before(tasks), "loss": cross_entropies(logits, tasks.query_y),
            "accuracy": accuracies(logits, tasks.query_y)}

    def test_rule(self):
        """How a held-out task adapts: the learner's own inner rule, with no meta-gradient."""
        return [r.detach() if torch.is_tensor(r) else r for r in self.rates()], self.first_adapted


def prototype_logits(params, tasks):
    """Prototypical networks' logits: minus each query's squared distances to the class means of
    the support embeddings. Support and query images go through the encoder together, so batch
    statistics are the whole episode's, as in the playground."""
    support = tasks.support_y.shape[1]
    episode = torch.cat([tasks.support_x, tasks.query_x], dim=1)
    embedded = classify(task_copies(params, tasks.count), episode)
    classes = int(tasks.support_y.max()) + 1
    one_hot = F.one_hot(tasks.support_y, classes).to(embedded.dtype)
    prototypes = torch.matmul(one_hot.transpose(1, 2), embedded[:, :support]) \\
        / one_hot.sum(dim=1).unsqueeze(2)
    distances = ((embedded[:, support:].unsqueeze(2) - prototypes.unsqueeze(1)) ** 2).sum(dim=-1)
    return -distances


class PrototypicalNetwork:
    """Prototypical networks (Snell, Swersky and Zemel 2017): an encoder (the classifier without
    its head) trained on the query cross-entropy of the prototype classifier; no inner loop."""

    def __init__(self, device):
        self.algorithm = "protonet"
        theta = initial_classifier(create_rng(SEED, "init"), 0)
        self.theta = [p.to(device).requires_grad_() for p in theta]
        self.optimiser = torch.optim.Adam(self.theta, lr=META_LR)

    def values(self):
        return self.theta

    def meta_gradient(self, tasks):
        logits = prototype_logits(self.theta, tasks)
        losses = cross_entropies(logits, tasks.query_y)
        grads = torch.autograd.grad(losses.sum() / META_BATCH, self.theta)
        # No inner loop: "before" and "after" adapting are the same prototype classifier.
        return list(grads), {"before": losses.detach(), "loss": losses.detach(),
                             "accuracy": accuracies(logits.detach(), tasks.query_y)}

    def test_rule(self):
        return None


class ImagePretrained:
    """The pretrained baseline (the MAML paper's): a classifier of one output per way trained by
    Adam at META_LR on every support and query image of every PRETRAIN_EVERY-th meta-batch, with
    each task's own labels; at test time it adapts by plain SGD at INNER_LR."""

    def __init__(self, device):
        theta = initial_classifier(create_rng(SEED, "init"), WAYS)
        self.theta = [p.to(device).requires_grad_() for p in theta]
        self.optimiser = torch.optim.Adam(self.theta, lr=META_LR)

    def values(self):
        return self.theta

    def meta_gradient(self, tasks):
        copies = task_copies(self.theta, tasks.count)
        losses = joint_losses(tasks)(copies)
        grads = torch.autograd.grad(losses.sum() / META_BATCH, self.theta)
        with torch.no_grad():
            accuracy = accuracies(classify(copies, tasks.query_x), tasks.query_y)
        return list(grads), {"loss": losses.detach(), "accuracy": accuracy}

    def test_rule(self):
        return [INNER_LR] * len(self.theta), 0


def image_learner(device):
    return PrototypicalNetwork(device) if ALGORITHM == "protonet" else ImageLearner(ALGORITHM, device)
`;

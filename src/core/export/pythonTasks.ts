/** The exported script's task distribution and network: src/core/tasks/sinusoid.ts, model/mlp.ts. */
export const PYTHON_TASKS = `
# ---------------------------------------------------------------------------------------------
# Tasks and the network.
# ---------------------------------------------------------------------------------------------
class Tasks(TaskBatch):
    """A batch of regression tasks: support and query inputs and targets, each [tasks, points, 1]."""


def sample_sine_waves(rng, tasks, support, query):
    """Sine-wave tasks (Finn et al. 2017, section 5.1): y = A sin(x - phase), A ~ U[0.1, 5],
    phase ~ U[0, pi], x ~ U[-5, 5]. Drawn in the playground's order (each task's amplitude and
    phase, then its support points, then its query points), so a seed gives the same tasks."""
    columns = ([], [], [], [])
    for _ in range(tasks):
        amplitude = rng.uniform(0.1, 5.0)
        phase = rng.uniform(0.0, math.pi)
        for xs, ys, count in ((columns[0], columns[1], support), (columns[2], columns[3], query)):
            for _ in range(count):
                x = rng.uniform(-5.0, 5.0)
                xs.append(x)
                ys.append(amplitude * math.sin(x - phase))
    sizes = (support, support, query, query)
    return Tasks(*(torch.tensor(values, dtype=torch.float32).reshape(tasks, n, 1)
                   for values, n in zip(columns, sizes)))


def initial_network(rng):
    """[W1, b1, W2, b2, ...] with W of shape [in, out] (the playground's layout), every value
    uniform in +-1/sqrt(fan_in), drawn weights first, then biases, layer by layer."""
    sizes = [1, *HIDDEN, 1]
    params = []
    for fan_in, fan_out in zip(sizes, sizes[1:]):
        bound = 1 / math.sqrt(fan_in)
        weights = [rng.uniform(-bound, bound) for _ in range(fan_in * fan_out)]
        bias = [rng.uniform(-bound, bound) for _ in range(fan_out)]
        params += [torch.tensor(weights).reshape(fan_in, fan_out), torch.tensor(bias)]
    return params


def forward(params, x):
    """The network as a pure function of its parameters: x @ W + b for each layer, ACTIVATION
    after every hidden one. Shared weights ([in, out], [out]) broadcast over the tasks of x
    ([tasks, points, in]); per-task copies ([tasks, in, out], [tasks, 1, out]) give each task its own."""
    layers = len(params) // 2
    for layer in range(layers):
        x = torch.matmul(x, params[2 * layer]) + params[2 * layer + 1]
        if layer < layers - 1:
            x = torch.relu(x) if ACTIVATION == "relu" else torch.tanh(x)
    return x


def task_losses(params, x, y):
    """Each task's mean squared error over its points: [tasks]."""
    return ((forward(params, x) - y) ** 2).mean(dim=(1, 2))


def per_task(params, tasks):
    """A copy of the parameters for every task, still differentiable with respect to params."""
    copies = []
    for p in params:
        shaped = p.reshape(1, 1, -1) if p.dim() == 1 else p.unsqueeze(0)
        copies.append(shaped.expand(tasks, *shaped.shape[1:]))
    return copies
`;

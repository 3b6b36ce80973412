/**
 * The exported script's image classifier: src/core/model/classifier.ts and classifierParams.ts
 * (the conv net's four 3x3 stride-2 blocks or the MLP, the parameter list in the playground's
 * layouts and initialisation order) and classification/crossEntropy.ts.
 */
export const PYTHON_CLASSIFIER = `
# ---------------------------------------------------------------------------------------------
# The classifier: a pure function of its parameter list, kept in the playground's layouts
# (filters [3, 3, in, out], dense weights [in, out], features flattened height, width, channel),
# so a seed gives the same initial weights and the results file the same parameter order.
# ---------------------------------------------------------------------------------------------
def feature_size():
    """Length of the vector the head reads (the embedding, when there is no head)."""
    if NETWORK == "conv":
        size = IMAGE_SIZE
        for _ in range(CONV_BLOCKS):
            size = (size + 1) // 2
        return size * size * FILTERS
    return HIDDEN[-1] if HIDDEN else IMAGE_SIZE * IMAGE_SIZE


def classifier_layout(outputs):
    """(shape, role) of every parameter tensor in order; outputs = 0 leaves the head out (an
    encoder, as prototypical networks use)."""
    layout = []
    if NETWORK == "conv":
        channels = 1
        for _ in range(CONV_BLOCKS):
            layout.append(([3, 3, channels, FILTERS], "relu"))
            if NORM == "batch":
                layout += [([FILTERS], "ones"), ([FILTERS], "zeros")]
            else:
                layout.append(([FILTERS], "zeros"))
            channels = FILTERS
    else:
        inputs = IMAGE_SIZE * IMAGE_SIZE
        for width in HIDDEN:
            layout += [([inputs, width], "relu"), ([width], "zeros")]
            inputs = width
    if outputs > 0:
        layout += [([feature_size(), outputs], "head"), ([outputs], "zeros")]
    return layout


def initial_classifier(rng, outputs):
    """Weights feeding a ReLU He uniform (+-sqrt(6 / fan_in)), the head Glorot uniform
    (+-sqrt(6 / (fan_in + fan_out))), biases and offsets 0, batch-normalisation scales 1; drawn
    tensor by tensor, in order, as the playground draws them."""
    params = []
    for shape, role in classifier_layout(outputs):
        size = math.prod(shape)
        if role in ("relu", "head"):
            fan_out = shape[-1]
            fan_in = size // fan_out
            bound = math.sqrt(6 / fan_in) if role == "relu" else math.sqrt(6 / (fan_in + fan_out))
            values = [rng.uniform(-bound, bound) for _ in range(size)]
        else:
            values = [1.0 if role == "ones" else 0.0] * size
        params.append(torch.tensor(values, dtype=torch.float32).reshape(shape))
    return params


def task_copies(params, tasks):
    """A copy of every parameter for every task ([tasks, *shape]), still differentiable with
    respect to params (an expanded view: no memory is copied)."""
    return [p.unsqueeze(0).expand(tasks, *p.shape) for p in params]


def stride2_conv(x, filters):
    """Each task's 3x3 stride-2 convolution with its own filters, TensorFlow's 'same' padding
    (output ceil(size / 2), the smaller half of the padding before), as one grouped convolution.
    x [T, n, C, H, W], filters [T, 3, 3, C, F] -> [T, n, F, ceil(H / 2), ceil(W / 2)]."""
    tasks, n, channels, height, width = x.shape
    out = filters.shape[-1]
    pads = []
    for size in (width, height):
        total = 2 * ((size + 1) // 2) + 1 - size
        pads += [total // 2, total - total // 2]
    grouped = x.transpose(0, 1).reshape(n, tasks * channels, height, width)
    weights = filters.permute(0, 4, 3, 1, 2).reshape(tasks * out, channels, 3, 3)
    z = F.conv2d(F.pad(grouped, pads), weights, stride=2, groups=tasks)
    return z.reshape(n, tasks, out, *z.shape[2:]).transpose(0, 1)


def batch_norm(z, scale, offset):
    """Each task's images normalised per channel by their own statistics (never running
    averages): (z - mean) * scale / sqrt(variance + eps) + offset. z [T, n, F, h, w]."""
    centred = z - z.mean(dim=(1, 3, 4), keepdim=True)
    variance = (centred ** 2).mean(dim=(1, 3, 4), keepdim=True)
    shape = (z.shape[0], 1, z.shape[2], 1, 1)
    return centred * (scale.reshape(shape) / torch.sqrt(variance + BATCH_NORM_EPSILON)) \\
        + offset.reshape(shape)


def dense(x, weights, bias):
    """x [T, n, in] times each task's weights [T, in, out], plus its bias [T, out]."""
    return torch.matmul(x, weights) + bias.unsqueeze(1)


def classify(params, images):
    """Every task's outputs with its own parameters: images [T, n, 1, S, S] -> [T, n, outputs]
    (logits, or embeddings without a head). Every parameter carries a task axis (task_copies)."""
    tasks, n = images.shape[:2]
    at = 0
    if NETWORK == "conv":
        x = images
        for _ in range(CONV_BLOCKS):
            z = stride2_conv(x, params[at])
            if NORM == "batch":
                z = batch_norm(z, params[at + 1], params[at + 2])
                at += 3
            else:
                z = z + params[at + 1].reshape(tasks, 1, -1, 1, 1)
                at += 2
            x = torch.relu(z)
        x = x.permute(0, 1, 3, 4, 2).reshape(tasks, n, -1)
    else:
        x = images.reshape(tasks, n, -1)
        for _ in HIDDEN:
            x = torch.relu(dense(x, params[at], params[at + 1]))
            at += 2
    return dense(x, params[at], params[at + 1]) if at < len(params) else x


def cross_entropies(logits, labels):
    """Each task's mean cross-entropy: logits [T, n, C], labels [T, n] -> [T]."""
    rows = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1),
                           reduction="none")
    return rows.reshape(labels.shape).mean(dim=1)


def accuracies(logits, labels):
    """Each task's fraction of rows predicted right (argmax, the first of tied maxima): [T]."""
    return (logits.argmax(dim=-1) == labels).float().mean(dim=1)


def task_losses(params, images, labels):
    """Each task's mean cross-entropy on one of its image sets (its own batch statistics)."""
    return cross_entropies(classify(params, images), labels)
`;

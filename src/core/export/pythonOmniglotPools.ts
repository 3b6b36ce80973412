/**
 * The exported script's Omniglot classes: resampling (src/core/data/resample.ts), merging
 * (omniglotMerge.ts), the held-out split (src/core/datasets/library.ts) and the class pools with
 * rotations (src/core/classification/poolsDataset.ts), pixel for pixel the playground's.
 */
export const PYTHON_OMNIGLOT_POOLS = String.raw`
# ---------------------------------------------------------------------------------------------
# Omniglot's classes at the run's image size (src/core/data/resample.ts, omniglotMerge.ts,
# src/core/datasets/library.ts, src/core/classification/poolsDataset.ts): drawings shrunk by area
# averaging and inverted (ink 1 on 0), archives merged, alphabets split into meta-training and
# held-out classes, each character four classes with rotations.
# ---------------------------------------------------------------------------------------------
MAX_IMAGE_SIZE = 256
HELD_OUT_EVERY = 4


def _axis_weights(source, target):
    """Output pixel i averages source pixels first[i] .. first[i] + taps - 1, each weighted by the
    share of the pixel's width it covers; float64, computed as the playground computes them."""
    scale = source / target
    taps = min(source, math.ceil(scale) + 1)
    first, weights = [], []
    for i in range(target):
        start, end = i * scale, (i + 1) * scale
        first.append(min(math.floor(start), source - taps))
        weights.append([max(0, min(end, j + 1) - max(start, j)) / scale
                        for j in range(first[-1], first[-1] + taps)])
    index = torch.tensor(first).unsqueeze(1) + torch.arange(taps)
    return index, torch.tensor(weights, dtype=torch.float64)


def shrink_and_invert(drawings, size):
    """[n, height, width] grey drawings -> [n, size, size] float32 ink (1 - grey), area-averaged.
    Columns first, then rows, each sum over the taps in float64 in the playground's order, so the
    pixels are exactly the playground's."""
    grey = drawings.to(torch.float64)
    columns, column_weights = _axis_weights(grey.shape[2], size)
    rows, row_weights = _axis_weights(grey.shape[1], size)
    partial = 0
    for k in range(columns.shape[1]):
        partial = partial + column_weights[:, k] * grey[:, :, columns[:, k]]
    out = 0
    for k in range(rows.shape[1]):
        out = out + row_weights[:, k].unsqueeze(1) * partial[:, rows[:, k], :]
    return (1 - out.to(torch.float32).to(torch.float64)).to(torch.float32)


class Character:
    """One character's drawings at the run's size: images [count, size, size] float32."""

    def __init__(self, alphabet, character, images):
        self.alphabet, self.character, self.images = alphabet, character, images

    @property
    def count(self):
        return self.images.shape[0]


def _characters_at(archive, size):
    characters = []
    for alphabet, character, drawings in archive.characters:
        images = torch.empty(len(drawings), size, size)
        for shape in {d.shape for d in drawings}:
            at = [i for i, d in enumerate(drawings) if d.shape == shape]
            images[at] = shrink_and_invert(torch.stack([drawings[i] for i in at]), size)
        characters.append(Character(alphabet, character, images))
    return characters


def _merge(archives, size):
    """One collection from several archives: a character in more than one appears once, with
    the drawings of later copies that are not identical (at this size) to one it holds."""
    merged = {}
    for archive in archives:
        for c in _characters_at(archive, size):
            seen = merged.get((c.alphabet, c.character))
            if seen is None:
                merged[(c.alphabet, c.character)] = c
                continue
            extra = [d for d in c.images if not any(torch.equal(d, e) for e in seen.images)]
            if extra:
                seen.images = torch.cat([seen.images, torch.stack(extra)])
    return sorted(merged.values(), key=lambda c: (name_order(c.alphabet), name_order(c.character)))


def _split(library, size):
    """Meta-training and held-out characters from disjoint alphabets: an images_evaluation archive
    is held out whole; without one, every fourth alphabet in name order (never the seed's
    choice)."""
    alphabets = [a for a in library.archives if a.kind == "alphabets"]
    if not alphabets:
        raise DataError("Omniglot runs need the Omniglot images: choose images_background.zip (or "
                        "its small subsets) from the public Omniglot repository, optionally with "
                        "images_evaluation.zip and all_runs.zip.")
    test_files = [a for a in alphabets if _is_evaluation(a.file_name)]
    train_files = [a for a in alphabets if not _is_evaluation(a.file_name)]
    if not train_files:
        raise DataError("Only held-out (evaluation) alphabets are loaded: add "
                        "images_background.zip (or its small subsets) to meta-train on.")
    train = _merge(train_files, size)
    if test_files:
        return train, _merge(test_files, size)
    names = sorted({c.alphabet for c in train})
    if len(names) < 2:
        raise DataError("The loaded archives hold a single alphabet: held-out classes must come "
                        "from other alphabets, so load at least two.")
    few = len(names) < HELD_OUT_EVERY
    held_out = {name for i, name in enumerate(names)
                if i % HELD_OUT_EVERY == HELD_OUT_EVERY - 1 or (few and i == len(names) - 1)}
    return ([c for c in train if c.alphabet not in held_out],
            [c for c in train if c.alphabet in held_out])


def random_below(rng, n):
    """floor(u * n) for the next uniform u in [0, 1) of rng (the playground's rng.next())."""
    return math.floor(rng.next_word() / 4294967296 * n)


def distinct_indices(rng, n, count):
    """count distinct integers of 0..n-1 in random order: by rejection when few are picked from
    many, else by a partial Fisher-Yates shuffle (the playground's two ways, same draws)."""
    if count * 4 < n:
        picked = {}
        while len(picked) < count:
            picked[random_below(rng, n)] = None
        return list(picked)
    order = list(range(n))
    for i in range(count):
        j = i + random_below(rng, n - i)
        order[i], order[j] = order[j], order[i]
    return order[:count]


class ImagePool:
    """Classes of characters; class id = character index * 4 + quarter turns with rotations,
    the character index without. examples_per_class is the fewest drawings of any character."""

    def __init__(self, characters, rotations):
        if not characters:
            raise DataError("there are no characters to draw classes from")
        self.characters = characters
        self.image_size = characters[0].images.shape[1]
        self.turns = 4 if rotations else 1
        self.class_count = len(characters) * self.turns
        self.examples_per_class = min(c.count for c in characters)

    def pick_classes(self, rng, ways):
        if ways > self.class_count:
            raise DataError(f"a {ways}-way task needs {ways} classes; this pool has "
                            f"{self.class_count}")
        return distinct_indices(rng, self.class_count, ways)

    def draw_examples(self, rng, class_id, count):
        """count distinct drawings of the class, [count, size, size], turned counter-clockwise."""
        c = self.characters[class_id // self.turns]
        if count > c.count:
            raise DataError(f"{c.alphabet}/{c.character} has {c.count} drawings, fewer than the "
                            f"{count} asked for")
        drawings = c.images[distinct_indices(rng, c.count, count)]
        return torch.rot90(drawings, class_id % self.turns, dims=(1, 2))


@one_thread
def omniglot_pools(library, image_size, rotations):
    """(train_pool, test_pool): the meta-training and held-out classes at image_size, the same
    classes in the same order as the playground's."""
    if not isinstance(image_size, int) or not 1 <= image_size <= MAX_IMAGE_SIZE:
        raise ValueError(f"image_size must be an integer from 1 to {MAX_IMAGE_SIZE}, not "
                         f"{image_size}")
    train, test = _split(library, image_size)
    return ImagePool(train, rotations), ImagePool(test, rotations)
`;

/**
 * The exported script's random streams: a Python port of src/core/random/rng.ts (sfc32 with named
 * streams), so a seed draws the playground's tasks and initial weights in PyTorch too.
 */
export const PYTHON_RANDOM = `
# ---------------------------------------------------------------------------------------------
# Random streams: the playground's generator (sfc32, one named stream per purpose), so that a seed
# draws the same tasks and initial weights here as in the playground.
# ---------------------------------------------------------------------------------------------
MASK = 0xFFFFFFFF


def _multiply(a, b):
    """32-bit multiplication with wrap-around (JavaScript's Math.imul, unsigned)."""
    return (a * b) & MASK


def _hash_stream(seed, stream):
    """FNV-1a over the stream's name, mixed with the seed (names are ASCII)."""
    h = (0x811C9DC5 ^ seed) & MASK
    for character in stream:
        h = _multiply(h ^ ord(character), 0x01000193)
    return h


class Rng:
    """sfc32: uniform 32-bit words from four words of state, seeded through splitmix32."""

    def __init__(self, seed_word):
        state = seed_word & MASK
        words = []
        for _ in range(3):
            state = (state + 0x9E3779B9) & MASK
            z = _multiply(state ^ (state >> 16), 0x85EBCA6B)
            z = _multiply(z ^ (z >> 13), 0xC2B2AE35)
            words.append(z ^ (z >> 16))
        self.a, self.b, self.c = words
        self.d = 1
        for _ in range(12):  # warm up, so that nearby seeds diverge at once
            self.next_word()

    def next_word(self):
        t = (self.a + self.b + self.d) & MASK
        self.d = (self.d + 1) & MASK
        self.a = self.b ^ (self.b >> 9)
        self.b = (self.c + (self.c << 3)) & MASK
        c = ((self.c << 21) | (self.c >> 11)) & MASK
        self.c = (c + t) & MASK
        return t

    def uniform(self, low, high):
        """Uniform in [low, high), from 32 random bits."""
        return low + (high - low) * (self.next_word() / 4294967296)


def create_rng(seed, stream):
    """The generator of one named stream of an experiment seed ('tasks', 'init', ...)."""
    return Rng(_hash_stream(seed & MASK, stream))
`;

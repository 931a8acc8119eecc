"""The notes' seeded random numbers in Python, draw for draw the same as the engine's
(engine/generator.ts, engine/data_loader.ts), so a PyTorch listing starts from the weights and
visits the samples in the order that the page's numbers were computed with. PyTorch's own
generator (torch.manual_seed) gives other numbers, which the notes cannot reproduce.

    from datasets.engine_random import Generator, EngineShuffle
    Generator(7).init(model.linear1, model.linear2)       # nn.Linear's U(-1/sqrt(in), 1/sqrt(in))
    DataLoader(dataset, batch_size=32, sampler=EngineShuffle(len(dataset), seed=7))
"""
import math

MASK = 0xFFFFFFFF


class Generator:
    """mulberry32: 32-bit integers, uniform numbers in [0, 1), permutations."""

    def __init__(self, seed=0):
        self.state = seed & MASK

    def next(self):
        """Uniform in [0, 1)."""
        self.state = (self.state + 0x6D2B79F5) & MASK
        t = self.state
        t = ((t ^ (t >> 15)) * (t | 1)) & MASK
        t ^= (t + (((t ^ (t >> 7)) * (t | 61)) & MASK)) & MASK
        return ((t ^ (t >> 14)) & MASK) / 4294967296

    def uniform(self, lo, hi):
        return lo + (hi - lo) * self.next()

    def permutation(self, n):
        """A random order of 0 … n-1 (Fisher-Yates)."""
        order = list(range(n))
        for i in range(n - 1, 0, -1):
            j = math.floor(self.next() * (i + 1))
            order[i], order[j] = order[j], order[i]
        return order

    def init(self, *layers):
        """Sets each nn.Linear's weight, then bias, from U(-k, k), k = 1/sqrt(in_features)."""
        import torch

        for layer in layers:
            n_out, n_in = layer.weight.shape
            k = 1 / math.sqrt(n_in)
            weight = [self.uniform(-k, k) for _ in range(n_out * n_in)]
            bias = [self.uniform(-k, k) for _ in range(n_out)]
            with torch.no_grad():
                layer.weight.copy_(torch.tensor(weight, dtype=torch.float64).reshape(n_out, n_in))
                layer.bias.copy_(torch.tensor(bias, dtype=torch.float64))


def epoch_seed(seed, epoch):
    """The seed of one epoch's shuffle, as the engine's DataLoader derives it."""
    a = ((seed ^ 0x9E3779B9) * 0x85EBCA6B) & MASK
    return (a + ((epoch * 0xC2B2AE35) & MASK)) & MASK


class EngineShuffle:
    """A DataLoader sampler: a new order of the n samples on every pass, the engine's."""

    def __init__(self, n, seed=0):
        self.n, self.seed, self.epoch = n, seed, 0

    def __iter__(self):
        order = Generator(epoch_seed(self.seed, self.epoch)).permutation(self.n)
        self.epoch += 1
        return iter(order)

    def __len__(self):
        return self.n

"""Data sets that ship offline.

MNIST-1D (Greydanus 2020) is generated procedurally by the ``mnist1d`` package: 40-sample signals, 10 classes,
4000 training and 1000 test examples, no download. Its published baselines make small experiments meaningful:
logistic regression reaches about 32 % test accuracy, an MLP about 68 %, a CNN about 94 %.

The 8×8 handwritten digits of scikit-learn's ``load_digits`` (1797 images, 10 classes) ship inside scikit-learn;
chapter 5 uses them as its 2-D images. Chapter 6's memory task is synthetic, made by ``memory_task``.
"""

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import torch

MNIST1D_POOL_SIZE = 4000  # training examples the generator makes with its default arguments
MNIST1D_LENGTH = 40  # samples per signal
MNIST1D_CLASSES = 10
DIGITS_SIZE = 1797  # images in scikit-learn's load_digits


@dataclass(frozen=True)
class Split:
    """A classification data set cut into training, validation and test parts.

    ``x_*`` are float32 arrays of shape (n, ...) — (n, d) for signals, (n, 1, height, width) for images; ``y_*``
    are int64 arrays of shape (n,) with class labels.
    """

    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray

    def as_tensors(self) -> dict[str, torch.Tensor]:
        """The six arrays as torch tensors, keyed by their field names."""
        return {name: torch.from_numpy(getattr(self, name)) for name in self.__dataclass_fields__}


@lru_cache(maxsize=1)
def _mnist1d_arrays() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """MNIST-1D with the package's default arguments (seed 42): the same data on every machine."""
    from mnist1d.data import get_dataset_args, make_dataset

    raw = make_dataset(get_dataset_args())
    return (
        raw["x"].astype(np.float32),
        raw["y"].astype(np.int64),
        raw["x_test"].astype(np.float32),
        raw["y_test"].astype(np.int64),
    )


def load_mnist1d(n_train: int = 1000, n_val: int = 1000, seed: int = 0) -> Split:
    """MNIST-1D with a small training set, a validation set drawn from the rest of the pool, and the test set.

    The training and validation examples are disjoint random subsets of the 4000-example training pool, chosen by
    ``seed``; the test set is always MNIST-1D's 1000 test examples. The generator runs once per process
    (about 1 s) and is cached.
    """
    if n_train < 1 or n_val < 1 or n_train + n_val > MNIST1D_POOL_SIZE:
        raise ValueError(f"need n_train >= 1 and n_val >= 1 with n_train + n_val <= {MNIST1D_POOL_SIZE}")
    x, y, x_test, y_test = _mnist1d_arrays()
    order = np.random.default_rng(seed).permutation(len(x))
    train, val = order[:n_train], order[n_train : n_train + n_val]
    return Split(x[train], y[train], x[val], y[val], x_test, y_test)


def shift_signals(x: torch.Tensor, shifts: torch.Tensor) -> torch.Tensor:
    """Translate each signal ``x[i]`` by ``shifts[i]`` samples (positive: to the right).

    ``x`` has shape (batch, length), ``shifts`` integer shape (batch,); the result has ``x``'s shape and dtype.
    Samples shifted in from beyond an end repeat that end's value (edge padding), so no artificial zeros appear.
    """
    length = x.shape[1]
    source = (torch.arange(length).unsqueeze(0) - shifts.unsqueeze(1)).clamp(0, length - 1)
    return torch.gather(x, 1, source)


def random_shift(x: torch.Tensor, generator: torch.Generator, max_shift: int) -> torch.Tensor:
    """Translate each signal of a batch (batch, length) by its own random shift, uniform in [-max_shift, max_shift]."""
    shifts = torch.randint(-max_shift, max_shift + 1, (x.shape[0],), generator=generator)
    return shift_signals(x, shifts)


def load_digits_images(n_train: int = 500, n_val: int = 300, seed: int = 0) -> Split:
    """scikit-learn's 8×8 digits as images of shape (n, 1, 8, 8), pixel values scaled from 0..16 to [0, 1].

    A random (``seed``) permutation of the 1797 images gives the training, validation and test parts, in that
    order; the test part is every image not used for training or validation.
    """
    from sklearn.datasets import load_digits

    if n_train < 1 or n_val < 1 or n_train + n_val >= DIGITS_SIZE:
        raise ValueError(f"need n_train >= 1 and n_val >= 1 with n_train + n_val < {DIGITS_SIZE}")
    digits = load_digits()
    x = (digits.images / 16.0).astype(np.float32)[:, None, :, :]
    y = digits.target.astype(np.int64)
    order = np.random.default_rng(seed).permutation(len(x))
    train, val, test = np.split(order, [n_train, n_train + n_val])
    return Split(x[train], y[train], x[val], y[val], x[test], y[test])


def memory_task(n_train: int = 300, n_val: int = 300, n_test: int = 2000, steps: int = 20, n_classes: int = 4,
                noise: float = 0.3, seed: int = 0) -> Split:
    """A sequence classification task that needs memory: x has shape (n, steps, n_classes).

    The label is shown once, as a one-hot vector added to the first step; every step of every sequence carries
    Gaussian noise of standard deviation ``noise``. A model must carry the first step's information through
    ``steps - 1`` noisy steps to answer at the end. All three parts are drawn from one generator seeded by ``seed``.
    """
    rng = np.random.default_rng(seed)
    parts = []
    for n in (n_train, n_val, n_test):
        y = rng.integers(0, n_classes, size=n)
        x = noise * rng.normal(size=(n, steps, n_classes))
        x[np.arange(n), 0, y] += 1.0
        parts += [x.astype(np.float32), y.astype(np.int64)]
    return Split(*parts)

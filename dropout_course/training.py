"""A small, reproducible training loop for classifiers that records learning curves."""

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from dropout_course.data import Split

Augment = Callable[[torch.Tensor, torch.Generator], torch.Tensor]
METRICS = ("train_loss", "train_acc", "val_loss", "val_acc", "test_loss", "test_acc")


@dataclass
class History:
    """Per-epoch metrics of one training run; every array has one entry per epoch.

    All six are measured after the epoch with the model in evaluation mode (dropout off), so ``train_acc`` is the
    accuracy of the network that will be deployed, not the noisy accuracy seen during the epoch.
    """

    train_loss: list[float] = field(default_factory=list)
    train_acc: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    val_acc: list[float] = field(default_factory=list)
    test_loss: list[float] = field(default_factory=list)
    test_acc: list[float] = field(default_factory=list)

    def record(self, **values: float) -> None:
        """Append one epoch's value of every metric."""
        for name in METRICS:
            getattr(self, name).append(values[name])

    def array(self, name: str) -> np.ndarray:
        """One metric as a float array of shape (epochs,)."""
        return np.asarray(getattr(self, name), dtype=float)


@torch.no_grad()
def evaluate(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> tuple[float, float]:
    """Mean cross-entropy and accuracy of ``model`` on (x, y) in evaluation mode; restores the model's mode."""
    was_training = model.training
    model.eval()
    logits = model(x)
    model.train(was_training)
    return F.cross_entropy(logits, y).item(), (logits.argmax(dim=1) == y).float().mean().item()


def train_classifier(
    make_model: Callable[[], nn.Module],
    data: Split,
    *,
    seed: int,
    epochs: int = 100,
    batch_size: int = 100,
    lr: float = 2e-3,
    weight_decay: float = 0.0,
    l1: float = 0.0,
    augment: Augment | None = None,
    stop: Callable[[nn.Module, History], bool] | None = None,
) -> tuple[nn.Module, History]:
    """Build a model and train it with Adam on the cross-entropy loss, recording a :class:`History`.

    Every random choice — the initial weights, the order of the mini-batches, the dropout masks and the
    augmentation — follows from ``seed``, without touching the caller's global random state, so a run can be
    repeated exactly. ``weight_decay`` is the strength ``λ`` of an L2 penalty ``λ/2 · Σθ²`` on every parameter
    (``torch.optim.Adam`` adds ``λθ`` to each gradient); ``l1`` is the strength ``μ`` of an L1 penalty ``μ · Σ|W|``
    on the weight matrices (the parameters of more than one dimension; biases are not penalized), added to the
    loss, so that autograd adds ``μ · sign(W)``. ``augment(x, generator)``, if given, transforms each
    training mini-batch. ``stop(model, history)``, if given, is called after every
    epoch; training ends early when it returns True (see early stopping in chapter 1).
    """
    tensors = data.as_tensors()
    x_train, y_train = tensors["x_train"], tensors["y_train"]
    generator = torch.Generator().manual_seed(seed)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = make_model()
        optimizer = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=weight_decay)
        history = History()
        for _ in range(epochs):
            model.train()
            order = torch.randperm(len(x_train), generator=generator)
            for start in range(0, len(order), batch_size):
                batch = order[start : start + batch_size]
                x_batch = x_train[batch] if augment is None else augment(x_train[batch], generator)
                optimizer.zero_grad()
                loss = F.cross_entropy(model(x_batch), y_train[batch])
                if l1:
                    loss = loss + l1 * sum(w.abs().sum() for w in model.parameters() if w.dim() > 1)
                loss.backward()
                optimizer.step()
            metrics = {}
            for part in ("train", "val", "test"):
                loss, acc = evaluate(model, tensors[f"x_{part}"], tensors[f"y_{part}"])
                metrics[f"{part}_loss"], metrics[f"{part}_acc"] = loss, acc
            history.record(**metrics)
            if stop is not None and stop(model, history):
                break
    model.eval()
    return model, history

"""The figures' common style and the plots that several chapters draw."""

from collections.abc import Mapping, Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

from dropout_course.training import History

PART_COLORS = {"train": "tab:blue", "val": "tab:orange", "test": "tab:green"}


def use_course_style() -> None:
    """Set matplotlib defaults shared by every figure of the course (size, resolution, grid, fonts)."""
    mpl.rcParams.update(
        {
            "figure.figsize": (8.0, 3.2),
            "figure.dpi": 110,
            "savefig.dpi": 110,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "font.size": 10,
            "legend.frameon": False,
        }
    )


def plot_history(
    histories: Sequence[History], axes: Sequence[plt.Axes], parts: Sequence[str] = ("train", "test")
) -> None:
    """Draw loss (first axis) and accuracy (second axis) against epoch for several runs of one configuration.

    Each run is a thin line; the mean over runs is a thick one, so the spread between seeds stays visible.
    """
    for ax, metric, label in zip(axes, ("loss", "acc"), ("cross-entropy", "accuracy")):
        for part in parts:
            curves = np.stack([h.array(f"{part}_{metric}") for h in histories])
            epochs = np.arange(1, curves.shape[1] + 1)
            for curve in curves:
                ax.plot(epochs, curve, color=PART_COLORS[part], lw=0.6, alpha=0.35)
            ax.plot(epochs, curves.mean(axis=0), color=PART_COLORS[part], lw=2, label=part)
        ax.set_xlabel("epoch")
        ax.set_ylabel(label)
    axes[0].legend()


def plot_spread(ax: plt.Axes, results: Mapping[str, Sequence[float]], ylabel: str, color: str = "tab:green") -> None:
    """One column per method: a dot for each run and a bar at the mean, so the reader sees the seed-to-seed spread."""
    for position, (name, values) in enumerate(results.items()):
        values = np.asarray(values, dtype=float)
        jitter = np.linspace(-0.12, 0.12, len(values)) if len(values) > 1 else np.zeros(1)
        ax.scatter(position + jitter, values, color=color, s=18, zorder=3)
        ax.hlines(values.mean(), position - 0.3, position + 0.3, color="black", lw=2, zorder=4)
    ax.set_xticks(range(len(results)), list(results), rotation=20, ha="right")
    ax.set_ylabel(ylabel)

"""Uncertainty from Monte Carlo dropout, for chapter 8.

K stochastic forward passes with dropout on give K predictive
distributions per input, an array mc_probs of shape (K, N, C); their mean
over K is the MC-dropout prediction (Gal & Ghahramani 2016). These
functions summarize them; see dropout.mc_dropout_predict for the passes.
"""

import numpy as np


def predictive_entropy(probs):
    """Entropy -sum_c p_c log p_c of each row of probs, in nats.

    probs: float array (N, C), each row a probability distribution (rows
    sum to 1). Returns an array (N,) in probs' float dtype, between 0 and
    log C; entries with p_c = 0 contribute 0 (the limit of p log p), with
    no NaN and no warning. probs is not modified.
    """
    probs = np.asarray(probs)
    safe = np.where(probs > 0, probs, 1.0)  # log 1 = 0 where p_c = 0
    return -np.sum(probs * np.log(safe), axis=-1)


def mutual_information(mc_probs):
    """BALD: the mutual information between the prediction and the weights.

    mc_probs: float array (K, N, C), the class probabilities of K
    stochastic passes for N inputs. Returns an array (N,): the entropy of
    the mean prediction minus the mean entropy of the K predictions,
    H[mean_k p_k] - mean_k H[p_k], clipped at 0 (it is >= 0 exactly, and
    rounding could otherwise make it slightly negative). It is 0 when all K
    passes agree and grows as they disagree. mc_probs is not modified.
    """
    mc_probs = np.asarray(mc_probs)
    if mc_probs.ndim != 3:
        raise ValueError(f"need mc_probs of shape (K, N, C), got {mc_probs.shape}")
    total = predictive_entropy(mc_probs.mean(axis=0))
    expected = predictive_entropy(mc_probs).mean(axis=0)
    return np.maximum(total - expected, 0.0)


def calibration_bins(probs, labels, n_bins=10):
    """Reliability-diagram statistics of predictions probs (N, C), labels (N,).

    The confidence of a prediction is its largest probability; predictions
    are grouped into n_bins equal-width bins of confidence, bin b covering
    (b / n_bins, (b + 1) / n_bins]. Returns three float arrays of shape
    (n_bins,): the mean confidence, the accuracy (fraction of predictions
    whose most probable class is the label) and the number of predictions
    of each bin; mean confidence and accuracy are NaN in an empty bin.
    """
    probs, labels = np.asarray(probs), np.asarray(labels)
    confidence = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == labels).astype(float)
    bins = np.clip(np.ceil(confidence * n_bins).astype(int) - 1, 0, n_bins - 1)
    count = np.bincount(bins, minlength=n_bins).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_confidence = np.bincount(bins, confidence, n_bins) / count
        accuracy = np.bincount(bins, correct, n_bins) / count
    return mean_confidence, accuracy, count


def expected_calibration_error(probs, labels, n_bins=10):
    """ECE: sum over confidence bins of (bin size / N) * |accuracy - confidence|.

    probs (N, C) and labels (N,) as in calibration_bins. Returns a float in
    [0, 1]: 0 when, in every bin, the mean confidence equals the accuracy.
    """
    mean_confidence, accuracy, count = calibration_bins(probs, labels, n_bins)
    filled = count > 0
    gaps = np.abs(accuracy[filled] - mean_confidence[filled])
    return float(np.sum(count[filled] * gaps) / count.sum())


def detection_auroc(scores_in, scores_out):
    """Area under the ROC curve for telling apart two sets by a score.

    scores_in (N,) for in-distribution inputs and scores_out (M,) for
    out-of-distribution ones, higher meaning "more likely out". Returns the
    probability that a random out-of-distribution score exceeds a random
    in-distribution one, ties counting one half: 0.5 is chance, 1 perfect.
    """
    scores_in = np.asarray(scores_in, dtype=float)[:, None]
    scores_out = np.asarray(scores_out, dtype=float)[None, :]
    return float(np.mean(scores_out > scores_in) + 0.5 * np.mean(scores_out == scores_in))

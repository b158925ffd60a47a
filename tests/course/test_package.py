"""Unit tests of the course package."""

import math
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch
from torch import nn

from dropout_course import checks, data, dropout, models, plotting, training, uncertainty


@pytest.fixture(scope="module")
def split() -> data.Split:
    return data.load_mnist1d(n_train=200, n_val=100, seed=3)


def test_mnist1d_split_shapes_dtypes_and_disjointness(split):
    assert split.x_train.shape == (200, 40) and split.x_val.shape == (100, 40) and split.x_test.shape == (1000, 40)
    assert split.x_train.dtype == np.float32 and split.y_train.dtype == np.int64
    assert set(np.unique(split.y_test)) == set(range(10))
    train_rows = {row.tobytes() for row in split.x_train}
    assert not any(row.tobytes() in train_rows for row in split.x_val), "validation examples must not be training examples"


def test_mnist1d_is_deterministic_and_seed_dependent(split):
    again = data.load_mnist1d(n_train=200, n_val=100, seed=3)
    other = data.load_mnist1d(n_train=200, n_val=100, seed=4)
    np.testing.assert_array_equal(split.x_train, again.x_train)
    assert not np.array_equal(split.x_train, other.x_train)
    np.testing.assert_array_equal(split.x_test, other.x_test)


@pytest.mark.parametrize("n_train, n_val", [(0, 10), (10, 0), (3000, 1001)])
def test_mnist1d_rejects_impossible_sizes(n_train, n_val):
    with pytest.raises(ValueError):
        data.load_mnist1d(n_train=n_train, n_val=n_val)


def test_split_as_tensors_shares_memory(split):
    tensors = split.as_tensors()
    assert set(tensors) == {"x_train", "y_train", "x_val", "y_val", "x_test", "y_test"}
    assert tensors["x_train"].dtype == torch.float32 and tensors["y_train"].dtype == torch.int64


def test_shift_signals_moves_samples_and_repeats_edges():
    x = torch.arange(10, dtype=torch.float32).repeat(3, 1)
    shifted = data.shift_signals(x, torch.tensor([2, 0, -3]))
    assert torch.equal(shifted[0], torch.tensor([0, 0, 0, 1, 2, 3, 4, 5, 6, 7], dtype=torch.float32))
    assert torch.equal(shifted[1], x[1])
    assert torch.equal(shifted[2], torch.tensor([3, 4, 5, 6, 7, 8, 9, 9, 9, 9], dtype=torch.float32))


def test_random_shift_is_reproducible_and_bounded():
    x = torch.randn(500, 40)
    first = data.random_shift(x, torch.Generator().manual_seed(0), max_shift=4)
    second = data.random_shift(x, torch.Generator().manual_seed(0), max_shift=4)
    assert torch.equal(first, second) and first.shape == x.shape and first.dtype == x.dtype
    # every row is x shifted by some s in [-4, 4]: find it and check it is in range
    for row, original in zip(first[:50], x[:50]):
        matches = [s for s in range(-4, 5) if torch.equal(row, data.shift_signals(original[None], torch.tensor([s]))[0])]
        assert matches, "each row must be a shifted copy of its input"


def test_mlp_layout_and_no_dropout_after_the_output():
    model = models.mlp(40, [16, 8], 10, p=0.5, p_in=0.2)
    kinds = [type(layer).__name__ for layer in model]
    assert kinds == ["Dropout", "Linear", "ReLU", "Dropout", "Linear", "ReLU", "Dropout", "Linear"]
    assert [layer.p for layer in model if isinstance(layer, nn.Dropout)] == [0.2, 0.5, 0.5]
    plain = models.mlp(40, [16], 3)
    assert not any(isinstance(layer, nn.Dropout) for layer in plain)
    assert plain(torch.randn(5, 40)).shape == (5, 3)


@pytest.mark.parametrize("p, p_in", [(1.0, 0.0), (-0.1, 0.0), (0.5, 1.0)])
def test_mlp_rejects_rates_outside_zero_one(p, p_in):
    with pytest.raises(ValueError):
        models.mlp(4, [4], 2, p=p, p_in=p_in)


def test_training_is_reproducible_and_leaves_global_random_state_alone(split):
    make = lambda: models.mlp(40, [16], 10, p=0.3)  # noqa: E731
    torch.manual_seed(123)
    before = torch.get_rng_state()
    _, first = training.train_classifier(make, split, seed=5, epochs=3)
    assert torch.equal(torch.get_rng_state(), before), "training must not consume the caller's global random state"
    _, second = training.train_classifier(make, split, seed=5, epochs=3)
    _, other = training.train_classifier(make, split, seed=6, epochs=3)
    assert first.test_acc == second.test_acc and first.train_loss == second.train_loss
    assert first.train_loss != other.train_loss
    assert all(len(getattr(first, name)) == 3 for name in training.METRICS)


def test_training_learns_and_returns_a_model_in_eval_mode(split):
    model, history = training.train_classifier(
        lambda: models.mlp(40, [64], 10), split, seed=0, epochs=15, batch_size=25, weight_decay=1e-4,
        augment=lambda x, g: data.random_shift(x, g, max_shift=2),
    )
    assert not model.training
    assert history.train_acc[-1] > 0.5 and history.test_acc[-1] > 0.2, "a small MLP must learn something in 15 epochs"
    assert history.array("val_loss").shape == (15,)


def test_the_l1_penalty_shrinks_weight_matrices_towards_zero_and_leaves_biases_alone(split):
    make = lambda: models.mlp(40, [16], 10)  # noqa: E731
    plain, _ = training.train_classifier(make, split, seed=0, epochs=10, lr=2e-2)
    sparse, _ = training.train_classifier(make, split, seed=0, epochs=10, lr=2e-2, l1=1e-2)

    def norms(model, matrices):
        return sum(float(w.detach().abs().sum()) for w in model.parameters() if (w.dim() > 1) == matrices)

    assert norms(sparse, matrices=True) < 0.5 * norms(plain, matrices=True), "l1 must pull the weights towards zero"
    assert norms(sparse, matrices=False) > 0.5 * norms(plain, matrices=False), "l1 must not penalize the biases"


def test_stop_callback_ends_training(split):
    calls = []

    def stop_after_two(model, history):
        calls.append(len(history.val_loss))
        return len(history.val_loss) == 2

    _, history = training.train_classifier(lambda: models.mlp(40, [8], 10), split, seed=0, epochs=10, stop=stop_after_two)
    assert calls == [1, 2] and len(history.train_loss) == 2


def test_evaluate_restores_the_training_mode():
    model = models.mlp(4, [8], 3, p=0.5)
    model.train()
    loss, accuracy = training.evaluate(model, torch.randn(20, 4), torch.randint(0, 3, (20,)))
    assert model.training and loss > 0 and 0 <= accuracy <= 1


def test_binomial_bounds_hold_exactly_for_small_n():
    """The bound must be conservative: the exact binomial probability outside it is at most the target."""
    for n in (10, 50, 200):
        for prob in (0.1, 0.5, 0.8):
            target = 1e-3
            low, high = checks.binomial_rate_bounds(n, prob, failure_probability=target)
            outside = sum(
                math.comb(n, k) * prob**k * (1 - prob) ** (n - k) for k in range(n + 1) if not low <= k / n <= high
            )
            assert outside <= target


def test_binomial_bounds_narrow_with_n_and_reject_bad_arguments():
    wide = checks.binomial_rate_bounds(100, 0.5)
    narrow = checks.binomial_rate_bounds(100_000, 0.5)
    assert wide[0] < narrow[0] < 0.5 < narrow[1] < wide[1]
    assert narrow[1] - narrow[0] < 0.03
    with pytest.raises(ValueError):
        checks.binomial_rate_bounds(0, 0.5)
    with pytest.raises(ValueError):
        checks.binomial_rate_bounds(10, 1.5)


def test_plots_draw_one_artist_per_run(split):
    histories = [training.History() for _ in range(2)]
    for history in histories:
        for epoch in range(3):
            history.record(**{name: float(epoch) for name in training.METRICS})
    fig, axes = plt.subplots(1, 3)
    plotting.use_course_style()
    plotting.plot_history(histories, axes[:2])
    assert len(axes[0].lines) == 2 * (2 + 1)  # train and test: two runs and a mean each
    plotting.plot_spread(axes[2], {"a": [1.0, 2.0], "b": [3.0]}, "accuracy")
    assert [tick.get_text() for tick in axes[2].get_xticklabels()] == ["a", "b"]
    plt.close(fig)


@pytest.mark.parametrize("p", [0.0, 0.3, 0.8, 1.0])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_numpy_dropout_forward_and_backward(p, dtype):
    x = np.random.default_rng(0).uniform(0.5, 1.5, size=(300, 200)).astype(dtype)
    original = x.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # p = 1 must not divide by zero
        y, mask = dropout.dropout_forward(x, p, np.random.default_rng(1))
        dx = dropout.dropout_backward(np.ones_like(x), mask, p)
    np.testing.assert_array_equal(x, original)
    assert y.dtype == dx.dtype == np.dtype(dtype) and mask.dtype == bool and mask.shape == x.shape
    low, high = checks.binomial_rate_bounds(mask.size, 1 - p)
    assert low <= mask.mean() <= high
    assert np.all(y[~mask] == 0) and np.all(dx[~mask] == 0)
    if p < 1:
        np.testing.assert_allclose(y[mask], x[mask] / (1 - p), rtol=1e-6)
        np.testing.assert_allclose(dx[mask], 1 / (1 - p), rtol=1e-6)


def test_numpy_dropout_eval_mode_fresh_masks_and_invalid_p():
    x, rng = np.ones((20, 30)), np.random.default_rng(2)
    y, mask = dropout.dropout_forward(x, 0.5, rng, training=False)
    assert y is x and mask is None
    assert not np.array_equal(dropout.dropout_forward(x, 0.5, rng)[1], dropout.dropout_forward(x, 0.5, rng)[1])
    for p in (-0.1, 1.1):
        with pytest.raises(ValueError):
            dropout.dropout_forward(x, p, rng)
        with pytest.raises(ValueError):
            dropout.Dropout(p)


def test_torch_dropout_reuses_its_mask_and_passes_gradcheck():
    x = (torch.rand(200, 100, generator=torch.Generator().manual_seed(0)) + 0.5).requires_grad_()
    layer = dropout.Dropout(0.3, generator=torch.Generator().manual_seed(1))
    y = layer(x)
    y.sum().backward()
    kept = y.detach() != 0
    torch.testing.assert_close(x.grad, kept.float() / 0.7)
    torch.testing.assert_close(y[kept], x.detach()[kept] / 0.7)
    layer.eval()
    assert layer(x) is x
    x64 = torch.randn(4, 5, dtype=torch.float64, requires_grad=True)
    for p in (0.0, 0.4, 1.0):
        assert torch.autograd.gradcheck(
            lambda t: dropout.DropoutFunction.apply(t, p, torch.Generator().manual_seed(2)), (x64,))


def test_numerical_gradient_matches_an_analytic_gradient_and_restores_x():
    x = np.random.default_rng(3).normal(size=(3, 4))
    original = x.copy()
    grad = checks.numerical_gradient(lambda v: float(np.sum(np.sin(v)) + np.sum(v**2)), x)
    np.testing.assert_allclose(grad, np.cos(x) + 2 * x, rtol=0, atol=1e-8)
    np.testing.assert_array_equal(x, original)


def test_substituted_binds_names_only_inside_the_block_even_on_failure():
    namespace = {"kept": 1, "swapped": "student"}
    with pytest.raises(RuntimeError):
        with checks.substituted(namespace, swapped="reference", added=2):
            assert namespace["swapped"] == "reference" and namespace["added"] == 2
            raise RuntimeError("a failing test")
    assert namespace == {"kept": 1, "swapped": "student"}


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_standard_dropout_keeps_unscaled_in_training_and_scales_by_q_at_test(dtype):
    x = np.random.default_rng(4).uniform(0.5, 1.5, size=(300, 200)).astype(dtype)
    original = x.copy()
    y = dropout.standard_dropout(x, 0.3, np.random.default_rng(5), training=True)
    kept = y != 0
    low, high = checks.binomial_rate_bounds(kept.size, 0.7)
    assert low <= kept.mean() <= high and y.dtype == np.dtype(dtype)
    np.testing.assert_array_equal(y[kept], x[kept])
    np.testing.assert_allclose(dropout.standard_dropout(x, 0.3, None, training=False), 0.7 * x, rtol=1e-6)
    np.testing.assert_array_equal(x, original)
    with pytest.raises(ValueError):
        dropout.standard_dropout(x, 1.2, np.random.default_rng(5), training=True)


def test_mc_dropout_predict_samples_dropout_only_and_restores_every_mode():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(5, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Dropout(0.5), nn.Linear(8, 3))
    model.train()
    model[1].eval()  # a frozen batch-norm layer inside a model in training mode
    modes = [m.training for m in model.modules()]
    state = {name: value.clone() for name, value in model.state_dict().items()}
    x = torch.randn(16, 5)
    mean, std = dropout.mc_dropout_predict(model, x, k=200)
    assert [m.training for m in model.modules()] == modes
    assert all(torch.equal(value, state[name]) for name, value in model.state_dict().items())
    assert mean.shape == std.shape == (16, 3) and not mean.requires_grad
    torch.testing.assert_close(mean.sum(dim=1), torch.ones(16))
    assert (std > 0).any()
    model[3].p = 0.0
    mean, std = dropout.mc_dropout_predict(model, x, k=3)
    model.eval()
    with torch.no_grad():
        torch.testing.assert_close(mean, torch.softmax(model(x), dim=1))
    assert torch.all(std < 1e-6)


@pytest.mark.parametrize("n", [1, 3, 6])
def test_all_masks_lists_each_mask_once(n):
    masks = dropout.all_masks(n)
    assert masks.shape == (2**n, n) and set(np.unique(masks)) <= {0, 1}
    assert len({row.tobytes() for row in masks}) == 2**n


def test_digits_images_are_disjoint_scaled_and_deterministic():
    split = data.load_digits_images(n_train=100, n_val=50, seed=1)
    assert split.x_train.shape == (100, 1, 8, 8) and split.x_test.shape == (1797 - 150, 1, 8, 8)
    assert split.x_train.dtype == np.float32 and 0.0 <= split.x_train.min() and split.x_train.max() <= 1.0
    seen = {row.tobytes() for row in split.x_train.reshape(100, -1)}
    assert not any(row.tobytes() in seen for row in split.x_test.reshape(len(split.x_test), -1))  # all 1797 differ
    np.testing.assert_array_equal(split.y_val, data.load_digits_images(n_train=100, n_val=50, seed=1).y_val)
    with pytest.raises(ValueError):
        data.load_digits_images(n_train=1000, n_val=797)


def test_channel_dropout_zeroes_whole_maps_and_reuses_its_mask():
    x = np.random.default_rng(6).uniform(0.5, 1.5, size=(300, 20, 3, 3)).astype(np.float32)
    y, mask = dropout.dropout2d_forward(x, 0.4, np.random.default_rng(7))
    assert mask.shape == (300, 20, 1, 1) and y.dtype == np.float32
    kept = (y != 0).all(axis=(2, 3))
    np.testing.assert_array_equal(kept, mask[:, :, 0, 0])
    assert np.all((y == 0).any(axis=(2, 3)) == ~kept)
    low, high = checks.binomial_rate_bounds(kept.size, 0.6)
    assert low <= kept.mean() <= high
    np.testing.assert_allclose(dropout.dropout2d_backward(np.ones_like(x), mask, 0.4), mask * np.ones_like(x) / 0.6)
    y_eval, mask_eval = dropout.dropout2d_forward(x, 0.4, None, training=False)
    assert y_eval is x and mask_eval is None


def test_sequence_masks_are_fresh_per_step_or_fixed_per_sequence():
    rng = np.random.default_rng(8)
    fixed = dropout.sequence_dropout_mask((30, 200, 10), 0.3, rng, variational=True)
    fresh = dropout.sequence_dropout_mask((30, 200, 10), 0.3, rng, variational=False)
    assert fixed.shape == fresh.shape == (30, 200, 10) and fixed.flags.writeable
    assert (fixed == fixed[:1]).all() and not (fresh == fresh[:1]).all()
    for mask in (fixed[0], fresh):
        low, high = checks.binomial_rate_bounds(mask.size, 0.7)
        assert low <= mask.mean() <= high


def test_rnn_forward_without_dropout_matches_torch_rnn():
    rng = np.random.default_rng(9)
    x, h0 = rng.normal(size=(6, 4, 3)), rng.normal(size=(4, 5))
    Wx, Wh, b = rng.normal(size=(3, 5)), 0.5 * rng.normal(size=(5, 5)), rng.normal(size=5)
    rnn = nn.RNN(3, 5, dtype=torch.float64)
    with torch.no_grad():
        rnn.weight_ih_l0.copy_(torch.from_numpy(Wx.T))
        rnn.weight_hh_l0.copy_(torch.from_numpy(Wh.T))
        rnn.bias_ih_l0.copy_(torch.from_numpy(b))
        rnn.bias_hh_l0.zero_()
        expected, _ = rnn(torch.from_numpy(x), torch.from_numpy(h0)[None])
    np.testing.assert_allclose(dropout.rnn_forward(x, h0, Wx, Wh, b, 0.3, rng, "none"), expected.numpy(), rtol=1e-12)
    with pytest.raises(ValueError):
        dropout.rnn_forward(x, h0, Wx, Wh, b, 0.3, rng, "zoneout")
    with pytest.raises(ValueError):
        dropout.rnn_forward(x, h0, Wx, Wh, b, 1.0, rng, "none")


@pytest.mark.parametrize("batch_first", [False, True])
def test_locked_dropout_uses_one_mask_per_sequence(batch_first):
    layer = dropout.LockedDropout(0.4, generator=torch.Generator().manual_seed(0), batch_first=batch_first)
    x = torch.rand(300, 50, 8) + 0.5  # (T, N, H), or (N, T, H) when batch_first
    y = layer(x)
    ratio = (y / x).transpose(0, 1) if batch_first else y / x  # (T, N, H)
    kept = ratio != 0
    assert torch.all(kept == kept[:1])  # the same mask at every time step
    low, high = checks.binomial_rate_bounds(kept[0].numel(), 0.6)
    assert low <= kept[0].float().mean().item() <= high
    torch.testing.assert_close(ratio[kept], torch.full_like(ratio[kept], 1 / 0.6))
    layer.eval()
    assert layer(x) is x
    with pytest.raises(ValueError):
        layer(torch.ones(3, 4))


def test_memory_task_hides_the_label_in_the_first_step():
    split = data.memory_task(n_train=50, n_val=10, n_test=20, steps=7, n_classes=3, noise=0.0)
    assert split.x_train.shape == (50, 7, 3) and split.x_test.dtype == np.float32
    np.testing.assert_array_equal(split.x_train[:, 0].argmax(axis=1), split.y_train)
    assert not split.x_train[:, 1:].any()


@pytest.mark.parametrize("p", [0.2, 0.5])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_gaussian_dropout_has_the_mean_and_variance_of_inverted_dropout(p, dtype):
    x = np.random.default_rng(10).uniform(0.5, 1.5, size=(400, 500)).astype(dtype)
    original = x.copy()
    y = dropout.gaussian_dropout(x, p, np.random.default_rng(11))
    np.testing.assert_array_equal(x, original)
    assert y.shape == x.shape and y.dtype == np.dtype(dtype)
    noise = (y / x).astype(np.float64)
    # 200,000 draws: the standard errors of the mean and variance are below 0.003 and 0.004
    assert abs(noise.mean() - 1) < 0.02 and abs(noise.var() - p / (1 - p)) < 0.03
    inverted, _ = dropout.dropout_forward(np.ones(x.shape), p, np.random.default_rng(12))
    assert abs(noise.var() - inverted.var()) < 0.05, "the same variance as the inverted-dropout factor m / q"


def test_gaussian_dropout_is_the_identity_in_eval_mode_and_for_p_zero():
    x, rng = np.random.default_rng(13).normal(size=(20, 30)), np.random.default_rng(14)
    np.testing.assert_array_equal(dropout.gaussian_dropout(x, 0.5, rng, training=False), x)
    np.testing.assert_array_equal(dropout.gaussian_dropout(x, 0.0, rng), x)
    for p in (-0.1, 1.0, 1.5):
        with pytest.raises(ValueError):
            dropout.gaussian_dropout(x, p, rng)


@pytest.mark.parametrize("p", [0.1, 0.3])
def test_alpha_dropout_matches_torch_alpha_dropout(p):
    x = np.random.default_rng(15).normal(size=(500, 400)).astype(np.float32)
    original = x.copy()
    y = dropout.alpha_dropout(x, p, np.random.default_rng(16))
    np.testing.assert_array_equal(x, original)
    assert y.dtype == np.float32 and y.shape == x.shape
    saturation, a, b = dropout.alpha_dropout_constants(p)
    assert saturation == pytest.approx(-1.7580993408473766)
    dropped = np.isclose(y, a * saturation + b, rtol=0, atol=1e-6) & ~np.isclose(x, saturation, atol=1e-4)
    low, high = checks.binomial_rate_bounds(y.size, p)
    assert low <= dropped.mean() <= high
    np.testing.assert_allclose(y[~dropped], a * x[~dropped] + b, rtol=1e-5, atol=1e-6)
    assert abs(y.mean()) < 0.01 and abs(y.var() - 1) < 0.02, "zero mean and unit variance are kept"
    torch.manual_seed(0)  # nn.AlphaDropout has no generator argument
    y_torch = nn.AlphaDropout(p).train()(torch.from_numpy(x)).numpy()
    torch_dropped = np.isclose(y_torch, a * saturation + b, rtol=0, atol=1e-6)
    np.testing.assert_allclose(y_torch[~torch_dropped], a * x[~torch_dropped] + b, rtol=1e-5, atol=1e-5)
    assert abs(y_torch.mean() - y.mean()) < 0.02 and abs(y_torch.var() - y.var()) < 0.03


def test_alpha_dropout_is_the_identity_in_eval_mode_and_for_p_zero():
    x, rng = np.random.default_rng(17).normal(size=(20, 30)), np.random.default_rng(18)
    np.testing.assert_array_equal(dropout.alpha_dropout(x, 0.3, rng, training=False), x)
    np.testing.assert_array_equal(dropout.alpha_dropout(x, 0.0, rng), x)
    assert dropout.alpha_dropout(x.astype(np.float64), 0.3, rng).dtype == np.float64
    for p in (-0.1, 1.0):
        with pytest.raises(ValueError):
            dropout.alpha_dropout(x, p, rng)


@pytest.mark.parametrize("p, mean, var", [(0.5, 1.0, 1.0), (0.2, 0.0, 2.0), (0.3, -2.0, 0.5)])
def test_dropout_variance_shift_matches_a_simulation(p, mean, var):
    rng = np.random.default_rng(19)
    x = rng.normal(mean, np.sqrt(var), size=400_000)
    y, _ = dropout.dropout_forward(x, p, rng)
    ratio = dropout.dropout_variance_shift(p, mean, var)
    assert isinstance(ratio, float) and ratio >= 1
    assert ratio == pytest.approx(y.var() / x.var(), rel=0.02)


def test_dropout_variance_shift_is_one_without_dropout_and_rejects_bad_arguments():
    assert dropout.dropout_variance_shift(0.0, 3.0, 1.0) == 1.0
    assert dropout.dropout_variance_shift(0.5, 0.0, 1.0) == pytest.approx(2.0)
    for p, var in [(1.0, 1.0), (-0.1, 1.0), (0.5, 0.0), (0.5, -1.0)]:
        with pytest.raises(ValueError):
            dropout.dropout_variance_shift(p, 0.0, var)


def test_predictive_entropy_handles_zeros_without_nan_or_warning():
    probs = np.array([[0.25, 0.25, 0.25, 0.25], [1.0, 0.0, 0.0, 0.0], [0.5, 0.5, 0.0, 0.0]])
    original = probs.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        entropy = uncertainty.predictive_entropy(probs)
    np.testing.assert_array_equal(probs, original)
    assert entropy.shape == (3,)
    np.testing.assert_allclose(entropy, [np.log(4), 0.0, np.log(2)], atol=1e-12)
    assert uncertainty.predictive_entropy(probs.astype(np.float32)).dtype == np.float32


def test_mutual_information_is_zero_for_agreeing_passes_and_log2_for_split_votes():
    agree = np.tile(np.array([[[0.7, 0.2, 0.1]]]), (5, 4, 1))  # (K, N, C) = (5, 4, 3)
    split_votes = np.array([[[1.0, 0.0]], [[0.0, 1.0]]])  # two passes, each certain, of opposite classes
    original = split_votes.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        np.testing.assert_allclose(uncertainty.mutual_information(agree), np.zeros(4), atol=1e-12)
        np.testing.assert_allclose(uncertainty.mutual_information(split_votes), [np.log(2)], atol=1e-12)
    np.testing.assert_array_equal(split_votes, original)
    random_probs = np.random.default_rng(20).dirichlet(np.ones(5), size=(8, 30))
    information = uncertainty.mutual_information(random_probs)
    total = uncertainty.predictive_entropy(random_probs.mean(axis=0))
    assert information.shape == (30,) and np.all(information >= 0) and np.all(information <= total + 1e-12)
    with pytest.raises(ValueError):
        uncertainty.mutual_information(random_probs[0])


def test_calibration_bins_and_expected_calibration_error():
    # four predictions of confidence 0.9 (three right) and four of 0.6 (two right)
    probs = np.array([[0.9, 0.1]] * 4 + [[0.4, 0.6]] * 4)
    labels = np.array([0, 0, 0, 1, 1, 1, 0, 0])
    confidence, accuracy, count = uncertainty.calibration_bins(probs, labels, n_bins=10)
    assert confidence.shape == accuracy.shape == count.shape == (10,)
    np.testing.assert_allclose(count[[5, 8]], [4, 4])
    assert count.sum() == 8 and np.isnan(confidence[0])
    np.testing.assert_allclose(accuracy[[5, 8]], [0.5, 0.75])
    ece = uncertainty.expected_calibration_error(probs, labels, n_bins=10)
    assert ece == pytest.approx(0.5 * 0.15 + 0.5 * 0.1)
    perfect = np.array([[1.0, 0.0], [0.0, 1.0]])
    assert uncertainty.expected_calibration_error(perfect, np.array([0, 1])) == 0.0


def test_detection_auroc_is_chance_for_equal_scores_and_one_for_separated():
    assert uncertainty.detection_auroc([1.0, 2.0], [3.0, 4.0]) == 1.0
    assert uncertainty.detection_auroc([3.0, 4.0], [1.0, 2.0]) == 0.0
    assert uncertainty.detection_auroc([1.0, 1.0], [1.0]) == 0.5
    assert uncertainty.detection_auroc([0.0, 2.0], [1.0]) == 0.5

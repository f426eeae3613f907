"""softmax, cross-entropy, the text's simpleNet, the two-layer network and training."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gradviz as gv
from gradviz.training import BOOK_T, BOOK_W, BOOK_X, weight_updates

# --- softmax and cross-entropy ----------------------------------------------------------


def test_softmax_hand_computed():
    e = np.exp([0.3, 2.9, 4.0])
    np.testing.assert_allclose(gv.softmax([0.3, 2.9, 4.0]), e / e.sum())
    np.testing.assert_allclose(
        gv.softmax([[0.0, 0.0], [0.0, np.log(3.0)]]), [[0.5, 0.5], [0.25, 0.75]]
    )


def test_softmax_does_not_overflow():
    with np.errstate(all="raise"):
        p = gv.softmax([1010.0, 1000.0, 990.0])
    assert np.all(np.isfinite(p)) and p.sum() == pytest.approx(1.0)
    assert p[0] == pytest.approx(1 / (1 + np.exp(-10) + np.exp(-20)))


@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=8))
def test_softmax_is_a_probability_vector(values):
    p = gv.softmax(values)
    assert np.all(p >= 0) and p.sum() == pytest.approx(1.0)


def test_cross_entropy_hand_computed():
    y = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
    t = np.zeros(10)
    t[2] = 1
    assert gv.cross_entropy_error(y, t) == pytest.approx(-np.log(0.6))  # the book: 0.5108
    assert gv.cross_entropy_error(y, 2) == pytest.approx(-np.log(0.6))
    batch = np.array([[0.2, 0.8], [0.9, 0.1]])
    expected = -(np.log(0.8) + np.log(0.9)) / 2
    assert gv.cross_entropy_error(batch, np.array([1, 0])) == pytest.approx(expected)
    assert gv.cross_entropy_error(batch, np.array([[0, 1], [1, 0]])) == pytest.approx(expected)


def test_cross_entropy_of_zero_probability_is_large_but_finite():
    loss = gv.cross_entropy_error([1.0, 0.0], 1)
    assert np.isfinite(loss) and loss == pytest.approx(-np.log(1e-12))


@pytest.mark.parametrize(
    ("y", "t", "match"),
    [
        ([0.5, 0.5], 2, "0..1"),
        ([0.5, 0.5], [0.5, 0.5], "single 1"),
        ([[0.5, 0.5], [0.5, 0.5]], [1], "integer class"),
        ([0.5, 0.5], 1.0, "integer class"),
    ],
)
def test_bad_labels_get_a_clear_message(y, t, match):
    with pytest.raises(ValueError, match=match):
        gv.cross_entropy_error(y, t)


# --- simpleNet ----------------------------------------------------------------------------


def test_simple_net_reproduces_the_text():
    net = gv.SimpleNet(W=BOOK_W)
    np.testing.assert_allclose(net.predict(BOOK_X), [1.05414809, 0.63071653, 1.1328074], atol=1e-8)
    assert net.loss(BOOK_X, BOOK_T) == pytest.approx(0.92806853663411326, abs=1e-8)
    dW = gv.numerical_gradient(lambda w: net.loss(BOOK_X, BOOK_T), net.W)
    book_dW = [[0.21924763, 0.14356247, -0.36281009], [0.32887144, 0.2153437, -0.54421514]]
    np.testing.assert_allclose(dW, book_dW, atol=1e-8)
    np.testing.assert_array_equal(net.W, BOOK_W)  # nudged and restored


def test_simple_net_gradient_matches_the_formula():
    """dL/dW = outer(x, softmax(xW) − t) for softmax + cross-entropy."""
    net = gv.SimpleNet(seed=3)
    dW = gv.numerical_gradient(lambda w: net.loss(BOOK_X, BOOK_T), net.W)
    exact = np.outer(BOOK_X, gv.softmax(BOOK_X @ net.W) - BOOK_T)
    np.testing.assert_allclose(dW, exact, atol=1e-7)


def test_simple_net_is_seeded_and_checks_its_shape():
    np.testing.assert_array_equal(gv.SimpleNet(seed=1).W, gv.SimpleNet(seed=1).W)
    with pytest.raises(ValueError, match=r"shape \(2, 3\)"):
        gv.SimpleNet(W=np.zeros((3, 2)))


def test_weight_updates_lower_the_loss():
    Ws, dWs, losses = weight_updates(BOOK_W, BOOK_X, BOOK_T, lr=0.5, steps=20)
    assert Ws.shape == (21, 2, 3) and dWs.shape == (21, 2, 3) and losses.shape == (21,)
    np.testing.assert_allclose(Ws[1], Ws[0] - 0.5 * dWs[0])
    assert np.all(np.diff(losses) < 0)


# --- two-layer network ----------------------------------------------------------------------


@given(
    sizes=st.tuples(st.integers(1, 4), st.integers(1, 6), st.integers(2, 4)),
    batch=st.integers(1, 5),
    seed=st.integers(0, 1000),
    activation=st.sampled_from(["relu", "sigmoid"]),
)
def test_gradient_check_passes_for_random_networks(sizes, batch, seed, activation):
    n_in, n_hidden, n_out = sizes
    rng = np.random.default_rng(seed)
    net = gv.TwoLayerNet(n_in, n_hidden, n_out, activation=activation, seed=seed)
    for name in ("b1", "b2"):  # nonzero biases, and ReLU inputs away from its kink
        net.params[name] += rng.normal(0, 0.5, net.params[name].shape)
    x = rng.normal(size=(batch, n_in))
    t = rng.integers(0, n_out, size=batch)
    a1 = x @ net.params["W1"] + net.params["b1"]
    if activation == "relu" and np.min(np.abs(a1)) < 1e-3:
        return  # the numerical gradient straddles the kink; not a fair comparison
    diffs = net.gradient_check(x, t)
    assert set(diffs) == {"W1", "b1", "W2", "b2"}
    assert max(diffs.values()) < 1e-5, diffs


def test_training_reaches_the_stated_accuracy():
    X, t = gv.make_spirals(100, classes=3, seed=0)
    net = gv.TwoLayerNet(2, 16, 3, seed=0)
    history = gv.train(net, X, t, lr=0.5, steps=1000, batch_size=32, seed=0)
    assert history.steps == 1000
    assert history.accuracy[-1] >= 0.95
    assert np.mean(history.loss[-50:]) < np.mean(history.loss[:50]) / 5


def test_training_is_deterministic_and_can_stop_early():
    X, t = gv.make_blobs(50, seed=1)
    runs = []
    for _ in range(2):
        net = gv.TwoLayerNet(2, 8, 3, seed=2)
        runs.append(gv.train(net, X, t, lr=0.3, steps=30, seed=4).loss)
    assert runs[0] == runs[1]
    net = gv.TwoLayerNet(2, 8, 3)
    history = gv.train(net, X, t, steps=100, callback=lambda step, n, h: step < 9)
    assert history.steps == 10


def test_numerical_training_matches_analytic_training():
    X, t = gv.make_blobs(20, seed=0)
    a, b = gv.TwoLayerNet(2, 4, 3, seed=0), gv.TwoLayerNet(2, 4, 3, seed=0)
    gv.train(a, X, t, steps=5, gradient="analytic")
    gv.train(b, X, t, steps=5, gradient="numerical")
    for name in a.params:
        np.testing.assert_allclose(a.params[name], b.params[name], atol=1e-6)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"lr": -1}, "lr must be positive"),
        ({"steps": -2}, "steps must be 0 or more"),
        ({"gradient": "magic"}, "analytic"),
    ],
)
def test_train_refuses_bad_settings(kwargs, match):
    X, t = gv.make_blobs(5)
    with pytest.raises((ValueError, TypeError), match=match):
        gv.train(gv.TwoLayerNet(2, 3, 3), X, t, **kwargs)


def test_network_refuses_bad_sizes():
    with pytest.raises(ValueError, match="hidden_size must be at least 1"):
        gv.TwoLayerNet(2, 0, 3)
    with pytest.raises(ValueError, match="activation"):
        gv.TwoLayerNet(2, 3, 3, activation="tanh")


def test_data_sets_are_seeded_and_shaped():
    X, t = gv.make_spirals(40, classes=3, seed=5)
    assert X.shape == (120, 2) and t.shape == (120,) and set(t) == {0, 1, 2}
    np.testing.assert_array_equal(X, gv.make_spirals(40, classes=3, seed=5)[0])
    Xb, tb = gv.make_blobs(10, classes=4)
    assert Xb.shape == (40, 2) and set(tb) == {0, 1, 2, 3}


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_dead_relu_units_give_zero_gradients_without_a_warning_in_every_language(language):
    """A unit whose ReLU is off for every input has a zero gradient, rightly: the network's
    numerical gradient does not warn about it, in English or in Chinese (the warning is
    silenced by its class, ZeroGradientWarning, not by its English text)."""
    import warnings

    net = gv.TwoLayerNet(2, 3, 2, seed=0)
    net.params["b1"][:] = -100.0  # every hidden unit off: W1 and b1 get zero gradients
    x, t = np.array([[0.5, -0.2], [0.1, 0.3]]), np.array([0, 1])
    with gv.language(language), warnings.catch_warnings():
        warnings.simplefilter("error")
        grads = net.numerical_gradient(x, t)
    assert not np.any(grads["W1"]) and not np.any(grads["b1"])
    with pytest.warns(gv.PrecisionWarning, match="f returned exactly the same"):
        gv.numerical_gradient(lambda v: 1.0, np.array([1.0, 2.0]))
    assert issubclass(gv.ZeroGradientWarning, gv.PrecisionWarning)

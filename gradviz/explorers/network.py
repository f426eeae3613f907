"""Notebooks 05 and 06: one weight update at a time, and a network that learns.

The computation (``weight_updates``, ``train``) is in ``gradviz.training``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache

import numpy as np
from matplotlib.colors import to_rgb

from gradviz._validate import bounded_count
from gradviz.data import make_spirals
from gradviz.explorers.ahead import Ahead
from gradviz.explorers.base import Explorer, new_figure
from gradviz.explorers.layers import keep_layer_ahead
from gradviz.explorers.parts import int_slider, log_slider
from gradviz.explorers.runs import TrainingRuns
from gradviz.i18n import _, space_after
from gradviz.nn import TwoLayerNet, softmax
from gradviz.plots import plot_matrix, set_matrix
from gradviz.style import COLORS, PALETTE
from gradviz.training import BOOK_T, BOOK_W, BOOK_X, weight_updates

__all__ = ["decision_image", "training_explorer", "update_explorer"]

# --- notebook 05: one weight update at a time -----------------------------------------------


#: The most updates the update explorer computes for one learning rate (about a second).
_MOST_UPDATES = 500


def update_explorer(lr: float = 0.5, k: int = 0, steps: int = 50) -> Explorer:
    """Apply the weight update step by step to the text's simpleNet and watch W, dW and the loss.

    The **updates** slider is k, the number of updates applied so far: the panels show
    W after k updates, the gradient dW there, and the loss so far.
    """
    steps = bounded_count(steps, "steps", 1, _MOST_UPDATES)
    fig = new_figure(figsize=(15, 4.6), layout="constrained")
    ax_w, ax_d, ax_l = fig.subplots(1, 3, gridspec_kw={"width_ratios": [1.1, 1.1, 1]})
    w_image, w_texts = plot_matrix(BOOK_W, ax=ax_w, vmax=3.0, title=_("W after k updates"))
    d_image, d_texts = plot_matrix(BOOK_W * 0, ax=ax_d, vmax=0.6, title=_("dW = ∂L/∂W at that W"))
    (loss_all,) = ax_l.plot([], [], color=COLORS["vermillion"], lw=1.5, alpha=0.35)
    (loss_line,) = ax_l.plot([], [], "o-", color=COLORS["vermillion"], ms=5)
    ax_l.set_xlabel(_("update k"))
    ax_l.set_ylabel(_("loss L"))
    ax_l.set_yscale("log")
    ax_l.set_ylim(1e-3, 3.0)
    ax_l.set_xlim(0, steps)
    ax_l.set_title(_("loss for x = (0.6, 0.9), class 2"))

    controls = {
        "lr": log_slider(_("learning rate"), lr, (-2, 1)),
        "k": int_slider(_("updates k"), k, 0, steps, width="380px"),
    }

    @lru_cache(maxsize=32)
    def run(lr_value: float):
        return weight_updates(BOOK_W, BOOK_X, BOOK_T, lr_value, steps)

    def update(lr: float, k: int) -> str:
        Ws, dWs, losses = run(float(lr))
        set_matrix(w_image, w_texts, Ws[k])
        set_matrix(d_image, d_texts, dWs[k])
        # The faint curve of the updates still to come appears only once k moves: at k = 0 it
        # would answer notebook 05's prediction ("will the next updates gain as much?").
        loss_all.set_data(*((np.arange(steps + 1), losses) if k > 0 else ([], [])))
        loss_line.set_data(np.arange(k + 1), losses[: k + 1])
        probs = softmax(BOOK_X @ Ws[k])
        return _(
            "<b>after {k} update(s) with lr = {lr:.3g}: loss {loss:.6f}</b> "
            "(start {start:.6f}) &nbsp;|&nbsp; probabilities "
            "{probabilities}: the right class (2) gets {share:.1%}"
        ).format(
            k=k,
            lr=lr,
            loss=losses[k],
            start=losses[0],
            probabilities=np.array2string(probs, precision=3),
            share=probs[2],
        )

    explorer = Explorer(
        fig,
        controls,
        update,
        title=_("weight-update explorer"),
        animated=[w_image, *w_texts, d_image, *d_texts, loss_all, loss_line],
    )
    explorer.refresh()
    return explorer


# --- notebook 06: a network that learns -------------------------------------------------------

_GRID_N = 120
_SNAPSHOT_EVERY = 10
#: The step axis of the training curves grows in these steps, so that the curve fills
#: most of it and dragging the slider rarely forces a full redraw.
_STEP_RANGES = (50, 100, 200, 500, 1000, 2000, 5000)


def _step_range(k: int, max_steps: int) -> int:
    return min(next((r for r in _STEP_RANGES if r >= k), k), max(max_steps, 1))


def _layers_ahead(explorer: Explorer, axes, max_steps: int, shown: int) -> list[Callable]:
    """Tasks that draw the static layer of each other range of the step axis ahead of time,
    the nearest first (``layers.keep_layer_ahead``), so that the steps slider finds
    every range's layer kept instead of laying out and drawing the figure anew."""

    def task(span: int) -> Callable[[], None]:
        def shift() -> Callable[[], None]:
            before = [ax.get_xlim() for ax in axes]
            for ax in axes:
                ax.set_xlim(0, span)

            def back() -> None:
                for ax, lim in zip(axes, before, strict=True):
                    ax.set_xlim(lim)

            return back

        return lambda: keep_layer_ahead(explorer, shift)

    spans = {min(r, max(max_steps, 1)) for r in _STEP_RANGES} - {shown}
    return [task(span) for span in sorted(spans, key=lambda r: abs(math.log(r / shown)))]


def _class_colors(n: int) -> np.ndarray:
    return np.array([to_rgb(c) for c in PALETTE[:n]])


def decision_image(net: TwoLayerNet, lim: float = 1.25, n: int = _GRID_N) -> np.ndarray:
    """RGB picture ``(n, n, 3)`` of the class probabilities over [-lim, lim]²: each pixel
    blends the class colors by the network's confidence, fading to white where unsure."""
    xs = np.linspace(-lim, lim, n)
    X, Y = np.meshgrid(xs, xs)
    probs = softmax(net.predict(np.column_stack([X.ravel(), Y.ravel()])))
    colors = _class_colors(probs.shape[1])
    confidence = (probs.max(axis=1, keepdims=True) - 1 / probs.shape[1]) / (1 - 1 / probs.shape[1])
    rgb = probs @ colors
    rgb = 1 - 0.55 * confidence * (1 - rgb)  # pale tints, so the data points stand out
    return rgb.reshape(n, n, 3)


#: The training explorer's data: three seeded spirals of 100 points, and the window.
_LIM = 1.25


def _training_figure(max_steps: int):
    """Decision regions with the data, the training curves, and the moving artists."""
    X, t = make_spirals(100, classes=3, seed=0)
    fig = new_figure(figsize=(13, 6.0), layout="constrained")
    axes = fig.subplot_mosaic([["d", "l"], ["d", "a"]], width_ratios=[1, 1.15], sharex=False)
    ax_d, ax_l, ax_a = axes["d"], axes["l"], axes["a"]
    image = ax_d.imshow(
        np.ones((_GRID_N, _GRID_N, 3)),
        extent=(-_LIM, _LIM, -_LIM, _LIM),
        origin="lower",
        interpolation="bilinear",
    )
    points = ax_d.scatter(
        X[:, 0], X[:, 1], c=_class_colors(3)[t], s=22, edgecolors="black", linewidths=0.5, zorder=3
    )
    ax_d.set_xlim(-_LIM, _LIM)
    ax_d.set_ylim(-_LIM, _LIM)
    ax_d.set_aspect("equal")
    ax_d.grid(False)
    ax_d.set_title(_("decision regions: 3 spirals"))
    # Loss and accuracy in panels of their own (no twin axes, no legend over the data).
    (loss_line,) = ax_l.plot([], [], color=COLORS["vermillion"], lw=1.5, gid="loss")
    ax_l.set_yscale("log")
    ax_l.set_ylim(1e-3, 30)
    ax_l.set_ylabel(_("loss"))
    ax_l.set_title(_("loss of each mini-batch (log scale)"))
    (acc_line,) = ax_a.plot([], [], color=COLORS["blue"], lw=2.5, gid="accuracy")
    ax_a.set_ylim(0, 1.02)
    ax_a.set_xlabel(_("step"))
    ax_a.set_ylabel(_("accuracy"))
    ax_a.set_title(_("accuracy on all 300 points"))
    return fig, (image, points, loss_line, acc_line), (ax_l, ax_a)


def _training_status(k: int, loss: np.ndarray, run, hidden: int, lr: float, training: bool) -> str:
    """The status line of the training explorer at step ``k`` of ``run``."""
    if k == 0:
        text = _("<b>step 0</b>: random weights; the network has not learned anything yet.")
    else:
        text = _(
            "<b>step {step}</b>: batch loss {loss:.4f}, accuracy on all 300 points "
            "{accuracy:.1%} (hidden units {hidden}, lr {lr:.3g})."
        ).format(step=k, loss=loss[-1], accuracy=run.history.accuracy[k - 1], hidden=hidden, lr=lr)
        if not np.isfinite(loss[-1]) or loss[-1] > 2 * loss[0]:
            text += space_after(text) + _("The loss is growing: the learning rate is too large.")
    if training:
        text += space_after(text) + _("<i>Training… the picture follows the steps.</i>")
    return text


def training_explorer(
    lr: float = 0.5, hidden: int = 16, steps: int = 1000, max_steps: int = 2000
) -> Explorer:
    """Train a two-layer network on three spirals; watch the decision regions form.

    Changing the learning rate or the hidden size trains a new network (seeded, so the
    same settings always give the same run) in the background: the picture shows the
    steps trained so far at once and follows the training (``runs.py``); the **steps**
    slider then moves through that run's snapshots.
    """
    max_steps = bounded_count(max_steps, "max_steps", 1, _STEP_RANGES[-1])
    fig, (image, points, loss_line, acc_line), curve_axes = _training_figure(max_steps)
    controls = {
        "lr": log_slider(_("learning rate"), lr, (-2, 0.5), width="360px"),
        "hidden": int_slider(_("hidden units"), hidden, 2, 64),
        "steps": int_slider(_("steps"), steps, 0, max_steps, step=_SNAPSHOT_EVERY, width="380px"),
    }

    runs, ahead = TrainingRuns(max_steps, _SNAPSHOT_EVERY), Ahead()

    def update(lr: float, hidden: int, steps: int) -> str:
        # The first picture waits for its run; later ones show what is trained so far.
        run = runs.get(lr, hidden, wait=explorer.full_redraws == 0)
        # Read "finished" before the snapshots: a run that finishes in between would
        # otherwise show an older snapshot as if it were the last, and never come back.
        finished = run.done.is_set()
        wanted = steps - steps % _SNAPSHOT_EVERY
        k = min(wanted, run.trained(), len(run.history.loss) if run.history else 0)
        net = TwoLayerNet(2, int(hidden), 3, seed=0)
        net.params = run.snapshots[k]
        # The step axis fits the steps asked for, not those trained so far: the curves
        # grow into it while the run trains, and no new range (a full redraw) comes with
        # every snapshot.
        span = _step_range(max(wanted, 1), max_steps)
        for ax in curve_axes:
            ax.set_xlim(0, span)
        ahead.plan(_layers_ahead(explorer, curve_axes, max_steps, span))
        image.set_data(decision_image(net, _LIM))
        loss = np.array(run.history.loss[:k]) if k else np.array([])
        loss_line.set_data(np.arange(1, k + 1), loss)
        acc_line.set_data(np.arange(1, k + 1), run.history.accuracy[:k] if k else [])
        training = k < wanted and not finished
        if training:  # come back when more is trained
            runs.follow(lambda: explorer.refresh(full=False))
        return _training_status(k, loss, run, hidden, lr, training)

    explorer = Explorer(
        fig,
        controls,
        update,
        title=_("training explorer"),
        animated=[image, points, loss_line, acc_line],
        keep_layers=len(_STEP_RANGES),  # one static layer per range of the step axis
    )
    explorer.ahead = ahead  # what is drawn ahead of time (tests look at it)
    explorer.refresh()
    return explorer

"""Notebook 09: the path of a real network's training, drawn on its loss landscape.

The computation (``record_training``, ``path_plane``) is in ``gradviz.landscape``.
"""

from __future__ import annotations

from functools import lru_cache

import ipywidgets as widgets
import numpy as np

from gradviz.data import load_digits
from gradviz.explorers.base import Explorer, new_figure
from gradviz.explorers.parts import control_style, int_slider
from gradviz.i18n import _
from gradviz.landscape import network_objective, path_plane, record_training
from gradviz.landscape_plots import plot_loss_plane
from gradviz.nn import TwoLayerNet
from gradviz.style import COLORS

__all__ = ["LANDSCAPE_RATES", "landscape_explorer"]

#: The learning rates the explorer offers: each is one seeded training run of 30 epochs.
LANDSCAPE_RATES = (0.05, 0.5, 2.0)
EPOCHS = 30
HIDDEN = 50


@lru_cache(maxsize=len(LANDSCAPE_RATES))
def digits_run(lr: float):
    """The notebook's network (64 → 50 → 10) trained on the digits at ``lr``, and its plane."""
    (x_train, t_train), (x_test, t_test) = load_digits()
    net = TwoLayerNet(64, HIDDEN, 10, seed=0)
    record = record_training(net, x_train, t_train, x_test, t_test, lr=lr, epochs=EPOCHS)
    f = network_objective(net, x_train, t_train)
    plane = path_plane(f, record.path, n=25)
    losses = np.array([f(w) for w in record.path])
    return record, plane, losses


def _rate_menu(lr: float) -> widgets.Dropdown:
    """The menu of ``LANDSCAPE_RATES`` (another ``lr``: ValueError)."""
    if lr not in LANDSCAPE_RATES:
        raise ValueError(
            _("lr must be one of {choices}, got {value!r}.").format(
                choices=", ".join(map(str, LANDSCAPE_RATES)), value=lr
            )
        )
    return widgets.Dropdown(
        options=[(f"{rate:g}", rate) for rate in LANDSCAPE_RATES],
        value=lr,
        description=_("learning rate"),
        style=control_style(),
    )


def _figure():
    """The plane with the path, the loss epoch by epoch, and the moving artists by role."""
    fig = new_figure(figsize=(13, 5.2), layout="constrained")
    ax_p, ax_l = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.25, 1]})
    red, black = COLORS["vermillion"], COLORS["black"]
    a = {}
    (a["path"],) = ax_p.plot([], [], "o-", color=red, ms=5, lw=2.5, zorder=6, gid="path")
    (a["here"],) = ax_p.plot([], [], "o", color=black, ms=11, zorder=7, gid="here")
    (a["loss"],) = ax_l.plot([], [], "o-", color=red, ms=4, lw=2, gid="loss")
    (a["loss here"],) = ax_l.plot([], [], "o", color=black, ms=9)
    ax_l.set_yscale("log")
    ax_l.set_ylim(0.02, 5.0)  # one scale for every rate, so runs can be compared
    ax_l.set_xlim(-0.5, EPOCHS + 0.5)
    ax_l.set_xlabel(_("epoch"))
    ax_l.set_ylabel(_("loss on all training data"))
    ax_l.set_title(_("the loss, epoch by epoch"))
    return fig, ax_p, a


def _draw_plane(plane, ax_p) -> None:
    """The static part: the loss over ``plane`` (a ``path_plane``), its axes named by the
    share of the path each direction explains."""
    plot_loss_plane(
        plane.alphas,
        plane.betas,
        plane.Z,
        ax=ax_p,
        labels=(
            _("direction 1 ({share:.0%} of the path)").format(share=plane.explained[0]),
            _("direction 2 ({share:.0%})").format(share=plane.explained[1]),
        ),
        equal=False,
    )
    ax_p.set_xlim(plane.alphas[0], plane.alphas[-1])
    ax_p.set_ylim(plane.betas[0], plane.betas[-1])
    ax_p.set_title(_("the loss over the plane the path moved in most"))


def _draw_epoch(a: dict, plane, losses: np.ndarray, epoch: int) -> None:
    """The path on the plane and the losses up to ``epoch``, and where it is at ``epoch``."""
    xy = plane.coords[: epoch + 1]
    a["path"].set_data(xy[:, 0], xy[:, 1])
    a["here"].set_data(xy[-1:, 0], xy[-1:, 1])
    a["loss"].set_data(np.arange(epoch + 1), losses[: epoch + 1])
    a["loss here"].set_data([epoch], [losses[epoch]])


def _status(record, losses: np.ndarray, lr: float, epoch: int) -> str:
    """The status line: the loss and both accuracies at ``epoch``, and how far the weights
    have moved."""
    travelled = np.linalg.norm(record.path[epoch] - record.path[0])
    return _(
        "<b>epoch {epoch} of {epochs}</b> (lr {lr:g}): loss {loss:.4f}, accuracy "
        "{train:.1%} on the training data and {test:.1%} on the test data; the weights "
        "have moved a distance of {travelled:.2f} from where they started."
    ).format(
        epoch=epoch,
        epochs=EPOCHS,
        lr=lr,
        loss=losses[epoch],
        train=record.train_accuracy[epoch],
        test=record.test_accuracy[epoch],
        travelled=travelled,
    )


def landscape_explorer(lr: float = 0.5, epoch: int = 0) -> Explorer:
    """The training path of the digits network on the plane it moved in most, epoch by epoch.

    The **learning rate** menu picks one of three seeded runs (the first choice of each takes
    about two seconds: 30 epochs of training and 625 losses for the map); the **epoch**
    slider walks along it. Left: the loss over the plane of the path's two main directions
    (log colour scale), the path projected onto it. Right: the loss on all training data
    after each epoch.
    """
    controls = {
        "lr": _rate_menu(lr),
        "epoch": int_slider(_("epoch"), epoch, 0, EPOCHS, width="380px"),
    }
    fig, ax_p, a = _figure()

    def draw_plane(lr: float) -> None:
        _draw_plane(digits_run(float(lr))[1], ax_p)

    def update(lr: float, epoch: int) -> str:
        record, plane, losses = digits_run(float(lr))
        _draw_epoch(a, plane, losses, epoch)
        return _status(record, losses, lr, epoch)

    explorer = Explorer(
        fig,
        controls,
        update,
        title=_("landscape explorer"),
        animated=list(a.values()),
        static=draw_plane,
        static_controls=("lr",),
    )
    explorer.refresh()
    return explorer

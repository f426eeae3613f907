"""Kernel-side time of one slider change in each explorer, against a naive baseline.

For every explorer the main slider is swept through a range of values from
Python. Measured per change: from setting the slider's value to the new PNG
being ready for the front end. The baseline, measured in the same run, does what
``ipywidgets.interact`` with the inline backend does: a fresh ``plt.subplots``,
the whole equivalent figure drawn again, encoded as PNG, closed.

Targets: descent explorer with 100 steps, median ≤ 50 ms and ≥ 4x faster than the
baseline (issue 3); the race of 6+ methods x 200 steps, median ≤ 60 ms (issue 6); the
training explorer, on the steps slider of a finished run and on a new learning rate or
hidden size (answered at once from the run trained so far, in an event loop as in a
kernel), within the others' 24-46 ms (issue 20); on a 2-core machine. Not a pass/fail test.

    python benchmarks/bench_explorers.py
"""

from __future__ import annotations

import asyncio
import io
import statistics
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

import gradviz as gv


def timings(set_value, values) -> list[float]:
    out = []
    for v in values:
        start = time.perf_counter()
        set_value(v)
        out.append(time.perf_counter() - start)
    return out


def summary(name: str, fast: list[float], slow: list[float]) -> str:
    med, p90 = statistics.median(fast) * 1e3, float(np.percentile(fast, 90)) * 1e3
    bmed, bp90 = statistics.median(slow) * 1e3, float(np.percentile(slow, 90)) * 1e3
    return (
        f"{name:<30} explorer median {med:6.1f} ms  p90 {p90:6.1f} ms | "
        f"baseline median {bmed:6.1f} ms  p90 {bp90:6.1f} ms | speed-up {bmed / med:4.1f}x"
    )


def png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()


# --- naive baselines: rebuild the whole figure per change ------------------------------


def descent_baseline(lr: float, steps: int = 100) -> bytes:
    s = gv.bowl
    path = gv.gradient_descent(s.f, s.start, lr=lr, step_num=steps)
    fig = plt.figure(figsize=(15, 5.4), layout="constrained")
    gv.plots.plot_descent_overview(s, path, fig=fig)
    return png(fig)


def derivative_baseline(h: float, x: float = 5.0) -> bytes:
    fig, (ax_f, ax_e) = plt.subplots(1, 2, figsize=(12, 5.4), layout="constrained")
    gv.plot_function(gv.function_1, (0, 20), ax=ax_f)
    gv.plot_tangent(gv.function_1, x, ax=ax_f, h=h)
    gv.plot_difference_errors(
        gv.function_1, x, gv.function_1_derivative(x), hs=np.logspace(-20, 0, 201), ax=ax_e
    )
    ax_e.axvline(h)
    return png(fig)


def point_baseline(x0: float, kind: str) -> bytes:
    """What an interact-style slice or gradient explorer would redraw per change."""
    s = gv.bowl
    fig = plt.figure(figsize=(15, 5.2), layout="constrained")
    ax3 = fig.add_subplot(1, 3, 1, projection="3d")
    gv.plot_surface3d(s, ax=ax3, n=45)
    ax = fig.add_subplot(1, 3, 2)
    if kind == "gradient":
        gv.plot_contour(s, ax=ax, filled=False)
        gv.plot_gradient_field(s, ax=ax, spacing=0.5, window=((-4, 4), (-4, 4)))
    else:
        curves = gv.functions.slice_curves(s, (x0, 4.0))
        ax.plot(curves["t0"], curves["f0"])
        ax2 = fig.add_subplot(1, 3, 3)
        ax2.plot(curves["t1"], curves["f1"])
    ax.plot([x0], [4.0], "o")
    return png(fig)


def race_baseline(scale: float) -> bytes:
    """The race drawn from scratch: contour, seven paths, seven loss curves."""
    s = gv.SURFACES["book's valley"]
    paths = gv.optimizers.race(s, s.start, scale, steps=200)
    fig, (ax_c, ax_l) = plt.subplots(1, 2, figsize=(14.5, 6.0), layout="constrained")
    gv.plot_contour(s, ax=ax_c)
    for name, path in paths.items():
        ax_c.plot(*path.points.T, label=name)
        ax_l.semilogy(path.values, label=name)
    ax_c.legend()
    return png(fig)


def training_baseline(steps: int, lr: float = 0.5, hidden: int = 16) -> bytes:
    """What ``interact`` would do per change: train from scratch, draw all three panels."""
    X, t = gv.make_spirals(100, classes=3, seed=0)
    net = gv.TwoLayerNet(2, hidden, 3, seed=0)
    history = gv.train(net, X, t, lr=lr, steps=steps, batch_size=32, seed=0)
    fig, (ax_d, ax_l) = plt.subplots(1, 2, figsize=(13, 6.0), layout="constrained")
    ax_d.imshow(gv.decision_image(net), extent=(-1.25, 1.25, -1.25, 1.25), origin="lower")
    ax_d.scatter(*X.T, c=t, s=22, edgecolors="black")
    ax_l.semilogy(history.loss)
    ax_l.twinx().plot(history.accuracy)
    return png(fig)


def training_benchmark() -> None:
    """The training explorer fitted to a 1200 px page, in an event loop as in a kernel,
    a second after it is shown (the other ranges of its step axis are drawn meanwhile):
    the steps slider of a finished run, then new learning rates and hidden sizes, each
    answered at once from the run trained so far."""

    async def changes() -> tuple[list[float], list[float], int]:
        t = gv.training_explorer()
        t.picture.width, t.picture.pixel_ratio = 1200, 1.0
        t._on_page()
        await asyncio.sleep(1.0)
        full = t.full_redraws
        sweep = []
        for v in list(range(0, 2001, 100)) + list(range(1950, -1, -150)):
            sweep += timings(lambda v: setattr(t.controls["steps"], "value", v), [v])
            await asyncio.sleep(0.05)
        full = t.full_redraws - full
        runs = []
        t.controls["steps"].value = 1000
        for lr, hidden in [(0.3, 16), (0.2, 16), (0.2, 24), (0.1, 24), (1.0, 8), (0.7, 8)]:
            runs += timings(lambda v: setattr(t.controls["lr"], "value", v), [lr])
            await asyncio.sleep(1.0)  # the run trains, the picture follows it
            runs += timings(lambda v: setattr(t.controls["hidden"], "value", v), [hidden])
            await asyncio.sleep(1.0)
        return sweep, runs, full

    sweep, runs, full = asyncio.run(changes())
    slow = timings(training_baseline, [100, 600, 1100, 1600, 2000])
    print(summary("training: steps (finished run)", sweep, slow))
    print(f"  (full redraws in that sweep of {len(sweep)} changes: {full})")
    print(summary("training: new lr or hidden", runs, slow))


def main() -> None:
    plt.style.use(gv.CLASSROOM)
    print("kernel-side time per slider change (value set -> PNG ready), 2 warm-up changes")
    rates = list(np.logspace(-3, 0, 24))

    e = gv.descent_explorer(steps=100)
    timings(lambda v: setattr(e.controls["lr"], "value", v), [0.05, 0.2])
    fast = timings(lambda v: setattr(e.controls["lr"], "value", v), rates)
    slow = timings(descent_baseline, rates[::3])
    print(summary("descent: learning rate", fast, slow))
    fast_k = timings(lambda v: setattr(e.controls["k"], "value", v), list(range(1, 60, 3)))
    print(summary("descent: step scrubber k", fast_k, slow))
    fast_x = timings(lambda v: setattr(e.controls["x0"], "value", v), list(np.linspace(-4, 4, 17)))
    print(summary("descent: start x0", fast_x, slow))

    d = gv.derivative_explorer()
    hs = list(np.logspace(-12, -1, 24))
    timings(lambda v: setattr(d.controls["h"], "value", v), [1e-3, 1e-5])
    fast = timings(lambda v: setattr(d.controls["h"], "value", v), hs)
    slow = timings(derivative_baseline, hs[::3])
    print(summary("derivative: h", fast, slow))

    xs = list(np.linspace(-4, 4, 24))
    for kind, make in [("slice", gv.slice_explorer), ("gradient", gv.gradient_explorer)]:
        p = make()
        timings(lambda v, p=p: setattr(p.controls["x0"], "value", v), [1.0, 2.0])
        fast = timings(lambda v, p=p: setattr(p.controls["x0"], "value", v), xs)
        slow = timings(lambda v, kind=kind: point_baseline(v, kind), xs[::3])
        print(summary(f"{kind}: point x0", fast, slow))

    r = gv.race_explorer(surface="book's valley")
    scales = list(np.logspace(-1, 0.3, 16))
    timings(lambda v: setattr(r.controls["scale"], "value", v), [0.5, 0.8])
    fast = timings(lambda v: setattr(r.controls["scale"], "value", v), scales)
    slow = timings(race_baseline, scales[::4])
    print(summary("race: 7 methods x 200 steps", fast, slow))
    fast_k = timings(lambda v: setattr(r.controls["k"], "value", v), list(range(0, 200, 10)))
    print(summary("race: step scrubber k", fast_k, slow))

    training_benchmark()

    start = time.perf_counter()
    for _ in range(20):
        gv.gradient_descent(gv.bowl.f, gv.bowl.start, lr=0.1, step_num=100)
    print(f"(the 100 descent steps alone: {(time.perf_counter() - start) / 20 * 1e3:.2f} ms)")


if __name__ == "__main__":
    main()

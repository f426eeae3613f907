"""Training runs for notebook 06's explorer, trained in the background while it answers.

A new learning rate or hidden size needs a new run of up to 2000 steps (a quarter of a
second or more on a classroom machine): far too slow for a slider. So ``TrainingRuns``
trains each run in a worker thread and the explorer shows, at once, the latest snapshot
trained so far, with a note that training goes on; it redraws itself as the snapshots
arrive (``follow``), until the step the slider asks for is reached. Runs are seeded:
the first k steps of a run are the same whether it was stopped there or not, so every
picture is the one the finished run gives.

Without an event loop to come back on (a script, a test) the run is awaited instead.
"""

from __future__ import annotations

import asyncio
import threading
from collections import OrderedDict
from collections.abc import Callable

from gradviz.data import make_spirals
from gradviz.explorers.ahead import loop_running
from gradviz.nn import TwoLayerNet
from gradviz.training import train

__all__ = ["Run", "TrainingRuns"]

#: How often the explorer redraws while a run is trained (seconds).
FOLLOW_EVERY = 0.1


class Run:
    """One seeded training run on the spirals, trained in a worker thread: ``snapshots``
    maps each step that is a multiple of ``every`` to the parameters then, ``history``
    holds the losses and accuracies so far, ``done`` is set when it has finished."""

    def __init__(self, lr: float, hidden: int, steps: int, every: int) -> None:
        self.snapshots: dict[int, dict] = {}
        self.history = None
        self.done = threading.Event()
        self.cancelled = False
        self.error: Exception | None = None
        net = TwoLayerNet(2, hidden, 3, seed=0)
        self.snapshots[0] = {k: v.copy() for k, v in net.params.items()}
        threading.Thread(target=self._train, args=(net, lr, steps, every), daemon=True).start()

    def _train(self, net: TwoLayerNet, lr: float, steps: int, every: int) -> None:
        try:
            X, t = make_spirals(100, classes=3, seed=0)

            def keep(step, net, history):
                self.history = history
                if (step + 1) % every == 0:
                    self.snapshots[step + 1] = {k: v.copy() for k, v in net.params.items()}
                return not self.cancelled

            self.history = train(
                net, X, t, lr=lr, steps=steps, batch_size=32, seed=0, callback=keep
            )
        except Exception as err:  # shown by the explorer, as any error of an update
            self.error = err
        finally:
            self.done.set()

    def trained(self) -> int:
        """The last step with a snapshot."""
        return max(self.snapshots, default=0)


class TrainingRuns:
    """The runs of one explorer, by (learning rate, hidden units); the last few are kept."""

    def __init__(self, steps: int, every: int, keep: int = 16) -> None:
        self.steps, self.every, self.keep = steps, every, keep
        self._runs: OrderedDict[tuple[float, int], Run] = OrderedDict()
        self._following = False

    def get(self, lr: float, hidden: int, wait: bool) -> Run:
        """The run for these settings (started if new; other unfinished runs are stopped),
        finished first if ``wait``."""
        key = (float(lr), int(hidden))
        run = self._runs.get(key)
        if run is None or (run.cancelled and run.trained() < self.steps):
            for other in self._runs.values():
                other.cancelled = True
            run = self._runs[key] = Run(key[0], key[1], self.steps, self.every)
            while len(self._runs) > self.keep:
                self._runs.popitem(last=False)
        self._runs.move_to_end(key)
        if wait or not loop_running():
            run.done.wait()
        if run.error is not None:
            raise run.error
        return run

    def follow(self, redraw: Callable[[], None]) -> None:
        """Call ``redraw`` again shortly, from the kernel's event loop (once per wait)."""
        if self._following or not loop_running():
            return
        self._following = True

        def again() -> None:
            self._following = False
            redraw()

        asyncio.get_running_loop().call_later(FOLLOW_EVERY, again)

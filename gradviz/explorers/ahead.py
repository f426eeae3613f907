"""Work done ahead of time, while the kernel waits for the next change.

A teacher who presses → on a slider will most likely press it again. ``Ahead`` lets an
explorer compute the next positions' runs in the time between two changes, so the
press finds its run ready and only the drawing is left (notebook 08's race: ~4 ms a
method instead of 35 ms for all seven). ``NotchesAhead`` plans the runs of a log
slider's neighbouring notches.

The work is a queue of small tasks, run one at a time with a pause of ``PAUSE`` between
them in which the kernel's event loop is free: a change that arrives meanwhile is read and
handled in the pause (its handling takes several turns of the loop) and waits for one task
at most, and a new plan (``plan``) replaces the old one. A task's warnings and errors are
kept out of the page (the change that needs the result computes it again and reports them
as every update does). Without an event loop to come back on (a script, a test) nothing is
done ahead of time.
"""

from __future__ import annotations

import asyncio
import math
import warnings
from collections import deque
from collections.abc import Callable, Iterable

import numpy as np

__all__ = ["PAUSE", "Ahead", "NotchesAhead", "loop_running"]

#: Seconds between two tasks done ahead of time (and before the first): the event loop's
#: time to read and answer a change that has arrived. Tasks back to back (``call_soon``)
#: would each take a turn of the loop between the steps of that answer.
PAUSE = 0.003


def loop_running() -> bool:
    """Whether this code runs inside an event loop (a kernel answering a change)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


class Ahead:
    """A queue of tasks done one at a time while the event loop is otherwise idle."""

    def __init__(self) -> None:
        self._tasks: deque[Callable[[], object]] = deque()
        self._scheduled = False
        #: How many tasks have run (for tests).
        self.done = 0

    @property
    def waiting(self) -> int:
        """How many tasks are still to be done."""
        return len(self._tasks)

    def plan(self, tasks: Iterable[Callable[[], object]]) -> None:
        """Do ``tasks`` in order, ahead of time, instead of what was planned before."""
        self._tasks = deque(tasks) if loop_running() else deque()
        if self._tasks and not self._scheduled:
            self._scheduled = True
            asyncio.get_running_loop().call_later(PAUSE, self._next)

    def _next(self) -> None:
        self._scheduled = False
        if not self._tasks:
            return
        task = self._tasks.popleft()
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            try:
                task()
            except Exception:  # the change that needs it will compute and report it
                pass
        self.done += 1
        if self._tasks:
            self._scheduled = True
            asyncio.get_running_loop().call_later(PAUSE, self._next)


class NotchesAhead:
    """The notches of a log slider around its value, run ahead of time.

    ``notch(value)`` is the value as the slider's notch computed here: the page's arithmetic
    may differ from Python's in the last digit, and a run made ahead of time for a notch
    must be exactly the run the notch asks for, however the slider got there. ``plan``
    queues the runs of the ``count`` notches on each side of the value, the way the slider
    last moved first.
    """

    def __init__(self, slider, count: int = 3) -> None:
        self.slider, self.count, self.ahead = slider, count, Ahead()
        self._last: float | None = None

    def notch(self, value: float) -> float:
        """``value`` as the slider's notch, if it is one (within 1e-9); else itself.

        A notch is given to 15 significant digits: a round one is exactly itself (the
        0.1 a notebook passes stays 0.1, not 10^(−4 + 60 × 0.05) = 0.10000000000000009).
        """
        slider = self.slider
        n = round((math.log(value, slider.base) - slider.min) / slider.step)
        notch = float(f"{slider.base ** (slider.min + n * slider.step):.15g}")
        return notch if math.isclose(notch, value, rel_tol=1e-9) else value

    def plan(self, value: float, tasks_for: Callable[[float], Iterable[Callable[[], object]]]):
        """Queue ``tasks_for(notch)`` for the notches around ``value`` (nearest first)."""
        slider = self.slider
        way = -1 if self._last is not None and value < self._last else 1
        self._last = value
        lowest, highest = slider.base**slider.min, slider.base**slider.max
        tasks: list[Callable[[], object]] = []
        for i in range(1, self.count + 1):
            for side in (way, -way):
                notch = self.notch(value * slider.base ** (side * i * slider.step))
                if lowest <= notch <= highest:
                    tasks += tasks_for(notch)
        self.ahead.plan(tasks)

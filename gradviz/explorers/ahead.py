"""Work done ahead of time, while the kernel waits for the next change.

A teacher who presses → on a slider will most likely press it again. ``Ahead`` lets an
explorer compute the next positions' runs in the time between two changes, so the
press finds its run ready and only the drawing is left (notebook 08's race: ~4 ms a
method instead of 35 ms for all seven).

The work is a queue of small tasks run one per turn of the kernel's event loop: a change
that arrives meanwhile waits for one task at most, and a new plan (``plan``) replaces the
old one. A task's warnings and errors are kept out of the page (the change that needs
the result computes it again and reports them as every update does). Without an event
loop to come back on (a script, a test, nbval) nothing is done ahead of time.
"""

from __future__ import annotations

import asyncio
import warnings
from collections import deque
from collections.abc import Callable, Iterable

import numpy as np

__all__ = ["Ahead", "loop_running"]


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

    def plan(self, tasks: Iterable[Callable[[], object]]) -> None:
        """Do ``tasks`` in order, ahead of time, instead of what was planned before."""
        self._tasks = deque(tasks) if loop_running() else deque()
        if self._tasks and not self._scheduled:
            self._scheduled = True
            asyncio.get_running_loop().call_soon(self._next)

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
            asyncio.get_running_loop().call_soon(self._next)

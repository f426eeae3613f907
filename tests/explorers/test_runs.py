"""Notebook 06's training explorer answers at once and follows its training run."""

import asyncio

import numpy as np

import gradviz as gv


def _data(artist) -> np.ndarray:
    """What an animated artist of the training explorer shows."""
    if hasattr(artist, "get_xydata"):
        return artist.get_xydata()
    if hasattr(artist, "get_offsets"):
        return np.asarray(artist.get_offsets())
    return np.asarray(artist.get_array())


def test_a_new_learning_rate_answers_at_once_then_shows_the_finished_run():
    e = gv.training_explorer(steps=2000)

    async def change_and_follow() -> str:
        e.controls["lr"].value = 0.3  # in a kernel: a change from the front end
        first = e.status.value
        for _ in range(1200):  # the explorer redraws itself as the run is trained
            await asyncio.sleep(0.05)
            if "Training" not in e.status.value:
                break
        return first

    first = asyncio.run(change_and_follow())
    assert "Training" in first and "step 2000" not in first
    # In the end: the picture of the finished run, as when it is awaited (no event loop).
    awaited = gv.training_explorer(lr=0.3, steps=2000)
    assert e.status.value == awaited.status.value and "step 2000" in e.status.value
    for mine, theirs in zip(e.animated, awaited.animated, strict=True):  # the same data
        np.testing.assert_array_equal(_data(mine), _data(theirs))
    assert e.error is None and e.warnings == []


class _FinishesWhileRead:
    """A finished run that pretends to finish while the explorer reads it: its first
    ``trained()`` answers the step before the last, and marks the run done as it does."""

    def __init__(self, run, every: int) -> None:
        self.snapshots, self.history, self.error = run.snapshots, run.history, None
        self.cancelled, self.every = False, every
        self.done, self._reads = type(run.done)(), 0
        self._last = run.trained()

    def trained(self) -> int:
        self._reads += 1
        if self._reads == 1:
            self.done.set()  # the last snapshot arrives just after this read
            return self._last - self.every
        return self._last


def test_a_run_that_finishes_while_it_is_read_is_followed_to_its_last_step(monkeypatch):
    from gradviz.explorers import network, runs

    e = gv.training_explorer(steps=2000)
    real_get, seen = runs.TrainingRuns.get, {}

    def get(self, lr, hidden, wait):
        run = real_get(self, lr, hidden, wait=True)
        if id(run) not in seen:
            seen[id(run)] = _FinishesWhileRead(run, network._SNAPSHOT_EVERY)
        return seen[id(run)]

    monkeypatch.setattr(runs.TrainingRuns, "get", get)

    async def change_and_wait() -> str:
        e.controls["lr"].value = 0.3
        first = e.status.value
        for _ in range(200):  # time for the explorer to come back (a loaded machine: more)
            await asyncio.sleep(runs.FOLLOW_EVERY)
            if "Training" not in e.status.value:
                break
        return first

    first = asyncio.run(change_and_wait())
    before_last = 2000 - network._SNAPSHOT_EVERY
    assert f"step {before_last}" in first and "Training" in first  # not shown as the end
    assert "step 2000" in e.status.value and "Training" not in e.status.value

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

"""Work done ahead of time: notebook 08's race runs the next notches of its scale slider
while the class looks at the picture, and a press then draws exactly the same picture."""

import asyncio
import warnings

import numpy as np

import gradviz as gv
import gradviz.explorers.race as race_module
from gradviz.explorers.ahead import Ahead


def test_ahead_runs_its_plan_in_order_and_keeps_errors_and_warnings_out_of_the_page():
    ahead, ran = Ahead(), []

    def fails():
        ran.append("fails")
        raise ValueError("only the change that needs it reports it")

    def warns():
        ran.append("warns")
        warnings.warn("not in front of the class", stacklevel=1)
        return np.float64(1.0) / 0.0

    async def idle_kernel():
        ahead.plan([lambda: ran.append("old")])
        ahead.plan([fails, warns, lambda: ran.append("last")])  # a new plan replaces the old
        for _ in range(100):
            await asyncio.sleep(0.01)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        asyncio.run(idle_kernel())
    assert ran == ["fails", "warns", "last"] and ahead.done == 3
    assert caught == []


def test_without_an_event_loop_nothing_is_done_ahead_of_time():
    ahead, ran = Ahead(), []
    ahead.plan([lambda: ran.append(1)])
    assert ran == [] and ahead.done == 0


def _shown(e) -> list:
    """What each animated artist shows: its data (lines), its place and text (arrows, notes)."""
    out = []
    for a in e.animated:
        if hasattr(a, "get_data_3d"):
            out.append(np.asarray(a.get_data_3d()))
        elif hasattr(a, "get_xydata"):
            out.append(np.asarray(a.get_xydata()))
        else:
            out.append((a.get_visible(), a.get_text(), getattr(a, "xy", None)))
    return out


def test_a_press_finds_its_race_run_ahead_of_time_and_draws_the_same_picture(monkeypatch):
    runs = []

    def counted(surface, start, scale, steps, methods):
        runs.append((next(iter(methods)), scale))
        return real(surface, start, scale, steps, methods=methods)

    real = race_module.race
    monkeypatch.setattr(race_module, "race", counted)
    e = gv.race_explorer(surface="book's valley")
    slider = e.controls["scale"]
    assert len(runs) == 7  # every method once; nothing ahead of time without a kernel

    async def two_presses() -> tuple[list, int, list]:
        slider.value = slider.value * 10**slider.step  # → : 6 methods (Newton is kept)
        first = list(runs[7:])
        for _ in range(2000):  # the kernel waits for the next change
            await asyncio.sleep(0.005)
            if not e.runs.notches.ahead.waiting:
                break
        done = e.runs.notches.ahead.done
        del runs[:]
        slider.value = slider.value * 10**slider.step  # → again: ready
        return first, done, list(runs)

    first, done, second = asyncio.run(two_presses())
    assert sorted(name for name, _ in first) == sorted(set(gv.RACE_METHODS) - {"Newton"})
    assert done == 6 * 6  # 3 notches on each side, 6 methods each
    assert second == []  # the second press computed nothing
    # The same picture and table as an explorer that starts at that scale.
    fresh = gv.race_explorer(surface="book's valley", scale=slider.value)
    for mine, theirs in zip(_shown(e), _shown(fresh), strict=True):
        np.testing.assert_array_equal(mine, theirs)
    assert e.status.value == fresh.status.value and e.error is None and e.warnings == []


def test_a_press_finds_its_descent_run_ahead_of_time_and_draws_the_same_picture(monkeypatch):
    import gradviz.explorers.descent as descent_module

    runs = []

    def counted(f, x, lr, step_num, schedule):
        runs.append(lr)
        return real(f, x, lr=lr, step_num=step_num, schedule=schedule)

    real = descent_module.gradient_descent
    monkeypatch.setattr(descent_module, "gradient_descent", counted)
    e = gv.descent_explorer(lr=0.1)
    slider = e.controls["lr"]
    assert runs == [0.1]  # the rate given is the rate run, exactly

    async def presses() -> tuple[list, list]:
        slider.value = slider.value * 10**slider.step  # → : one new run
        first = list(runs[1:])
        for _ in range(2000):  # the kernel waits for the next change
            await asyncio.sleep(0.005)
            if not e.runs.notches.ahead.waiting:
                break
        del runs[:]
        slider.value = slider.value * 10**slider.step  # → again: ready
        e.controls["k"].value = 5  # the scrubber: the same run
        return first, list(runs)

    first, second = asyncio.run(presses())
    assert len(first) == 1 and second == []
    fresh = gv.descent_explorer(lr=slider.value)
    fresh.controls["k"].value = 5
    np.testing.assert_equal(_shown(e), _shown(fresh))
    assert e.status.value == fresh.status.value and e.error is None

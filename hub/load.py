"""The class hub's load test: N students drag notebook 04's learning-rate slider at once.

One command (``make hub-load``, or ``python hub/load.py``): starts the hub of
hub/jupyterhub_config.py on 127.0.0.1 with a class list of generated students, then for
N = 1, 2, 3, 4, 6, 8, ... (or only ``--students N``) lets the new students log in, start
their servers and run notebook 04 up to and including the descent explorer (through the
kernel websocket, as JupyterLab does), report the picture's width as the browser does, and
then all N drag the explorer's learning-rate slider at a human pace for ``--seconds``,
each change sent as the ipywidgets front end sends it (see hub/browser_client.py). Measured per
change: the time from the change to the new picture's message (p50, p95), the bytes that
came back; over the hub's process tree (hub, proxy, servers, kernels): CPU and memory;
and what else ran on the machine meanwhile (``uptime`` load, other processes' CPU).

The ramp stops at the first N whose p95 exceeds ``--target`` ms (measured again once if
other processes took more than ``--busy`` cores meanwhile), at ``--max-students`` or
after ``--minutes``. Everything listens on 127.0.0.1 only; the run is bounded in students
and time and stops the hub when done. The report: build/hub-load/report.json and .md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import random
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browser_client import Kernel, Student, WidgetModel  # hub/browser_client.py
from server import Hub  # hub/server.py

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
NOTEBOOK = "notebooks/04_gradient_descent.ipynb"
PASSWORD = "class-" + secrets.token_hex(4)


# --- what the machine does meanwhile -------------------------------------------------------------


@dataclass
class Usage:
    """CPU (cores) and memory (MiB) of the hub's processes, sampled every second, in all
    and by role; the CPU of this load generator and of the machine's other processes."""

    hub_cpu: list[float] = field(default_factory=list)
    other_cpu: list[float] = field(default_factory=list)
    client_cpu: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)
    pss: list[float] = field(default_factory=list)
    cpu_by_role: dict[str, list[float]] = field(default_factory=dict)
    pss_by_role: dict[str, list[float]] = field(default_factory=dict)


#: The processes of a hub by what they are (a command-line fragment -> role).
ROLES = {
    "ipykernel_launcher": "kernels",
    "jupyterhub-singleuser": "servers",
    "configurable-http-proxy": "proxy",
}


def role(process: psutil.Process) -> str:
    command = " ".join(process.cmdline())
    return next((r for fragment, r in ROLES.items() if fragment in command), "hub")


async def sample(hub: Hub, usage: Usage, stop: asyncio.Event) -> None:
    me = psutil.Process()
    known: dict[int, psutil.Process] = {}
    last_total = psutil.cpu_times()
    last_time = time.monotonic()
    for p in [*hub.processes(), me]:
        known[p.pid] = p
        p.cpu_percent(None)
    while not stop.is_set():
        await asyncio.sleep(1.0)
        cpu = {r: 0.0 for r in [*ROLES.values(), "hub"]}
        pss, rss = dict(cpu), 0.0
        for p in hub.processes():
            if p.pid not in known:
                known[p.pid] = p
                p.cpu_percent(None)
                continue
            try:
                kind = role(p)
                cpu[kind] += known[p.pid].cpu_percent(None) / 100
                info = p.memory_full_info()
            except psutil.NoSuchProcess:
                continue
            rss += info.rss / 2**20
            pss[kind] += info.pss / 2**20
        total = psutil.cpu_times()
        now = time.monotonic()
        busy = sum(
            getattr(total, f) - getattr(last_total, f) for f in ("user", "nice", "system", "irq")
        ) + sum(getattr(total, f, 0) - getattr(last_total, f, 0) for f in ("softirq", "steal"))
        machine = busy / (now - last_time)
        mine = known[me.pid].cpu_percent(None) / 100
        last_total, last_time = total, now
        usage.hub_cpu.append(sum(cpu.values()))
        usage.client_cpu.append(mine)
        usage.other_cpu.append(max(machine - sum(cpu.values()) - mine, 0.0))
        usage.rss.append(rss)
        usage.pss.append(sum(pss.values()))
        for kind in cpu:
            usage.cpu_by_role.setdefault(kind, []).append(cpu[kind])
            usage.pss_by_role.setdefault(kind, []).append(pss[kind])


# --- one student: open notebook 04, then drag the slider -----------------------------------------


@dataclass
class Drag:
    """The record of one student's drag: when each change was made and when its picture
    came; the server's time per sent update; the bytes per update."""

    changes: list[float] = field(default_factory=list)
    answered: list[float | None] = field(default_factory=list)
    round_trips: list[float] = field(default_factory=list)
    reply_bytes: list[int] = field(default_factory=list)
    picture_bytes: list[int] = field(default_factory=list)
    sent: int = 0
    without_picture: int = 0


class Seat:
    """One student at their laptop, notebook 04 open."""

    def __init__(self, hub: Hub, name: str, width: float) -> None:
        self.student = Student(hub.url, name, PASSWORD)
        self.width = width
        self.kernel: Kernel | None = None
        self.slider: WidgetModel | None = None
        self.picture: WidgetModel | None = None
        self.opened_in = math.nan

    async def open(self, timeout: float) -> None:
        began = time.monotonic()
        await asyncio.to_thread(self.student.login)
        await asyncio.to_thread(self.student.start_server, timeout)
        notebook, kernel_id = await asyncio.to_thread(self.student.open_notebook, NOTEBOOK)
        self.kernel = await self.student.connect(kernel_id)
        for cell in notebook["cells"]:
            if cell["cell_type"] != "code":
                continue
            await self.kernel.execute(cell["source"], timeout)
            if "descent_explorer(" in cell["source"]:
                break
        else:
            raise RuntimeError(f"{NOTEBOOK} has no descent explorer")
        sliders = self.kernel.find(_model_name="FloatLogSliderModel")
        pictures = [m for m in self.kernel.models.values() if "pixel_ratio" in m.state]
        if len(sliders) != 1 or len(pictures) != 1:
            raise RuntimeError(
                f"{NOTEBOOK}'s descent explorer: expected one log slider (the learning rate) and"
                f" one Picture widget, found {len(sliders)} and {len(pictures)}"
            )
        self.slider, self.picture = sliders[0], pictures[0]
        # The browser shows the picture and reports its size: the kernel redraws to fit.
        self.picture.save(width=self.width, pixel_ratio=1.0, room=760.0, chrome=190.0)
        await self.kernel.replies[self.picture.sent[-1]].idle
        self.opened_in = time.monotonic() - began

    async def drag(self, seconds: float, rate: float, seed: int) -> Drag:
        """Move the slider back and forth (exponent from -3 to 0.2: lr 0.001 to 1.6, past
        divergence at 1) with a period of about 6 s, ``rate`` changes per second."""
        record = Drag()
        kernel, slider = self.kernel, self.slider
        lo, hi, step = slider.state["min"], slider.state["max"], slider.state["step"]
        rng = random.Random(seed)
        phase, period = rng.uniform(0, 2 * math.pi), rng.uniform(5.0, 7.0)
        waiting: list[int] = []  # changes not yet answered by a picture

        def on_send(msg_id: str) -> None:
            # The update carries the latest change: its picture answers every change so far.
            carried = list(waiting)
            waiting.clear()
            sent_at = time.perf_counter()
            record.sent += 1

            def done(future) -> None:
                if future.exception() is not None:
                    return
                reply = kernel.replies[msg_id]
                at = reply.picture_at if reply.picture_at is not None else future.result()
                record.without_picture += reply.picture_at is None
                record.round_trips.append(at - sent_at)
                record.reply_bytes.append(reply.bytes)
                if reply.picture_at is not None:
                    record.picture_bytes.append(reply.picture_bytes)
                for i in carried:
                    record.answered[i] = at

            kernel.replies[msg_id].idle.add_done_callback(done)

        slider.on_send = on_send
        began = time.perf_counter()
        value = slider.state["value"]
        i = 0
        while (now := time.perf_counter()) - began < seconds:
            t = now - began
            exponent = -1.4 + 1.6 * math.sin(phase + 2 * math.pi * t / period)
            exponent = lo + round((min(max(exponent, lo), hi) - lo) / step) * step
            new = 10.0**exponent
            if not math.isclose(new, value):
                value = new
                record.changes.append(now)
                record.answered.append(None)
                waiting.append(len(record.changes) - 1)
                slider.save(value=value)
            i += 1
            await asyncio.sleep(max(began + i / rate - time.perf_counter(), 0.0))
        # The last changes' pictures: wait for the kernel to answer them (bounded).
        deadline = time.perf_counter() + 30
        while waiting or slider.pending or slider.waiting:
            if time.perf_counter() > deadline:
                break
            await asyncio.sleep(0.05)
        slider.on_send = None
        return record


# --- the ramp ------------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = math.floor(k), math.ceil(k)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def load_average() -> list[float]:
    return [round(v, 2) for v in os.getloadavg()]


def summarize(n: int, drags: list[Drag], usage: Usage, seats: list[Seat]) -> dict:
    latencies = [
        (a - c) * 1000
        for d in drags
        for c, a in zip(d.changes, d.answered, strict=True)
        if a is not None
    ]
    unanswered = sum(a is None for d in drags for a in d.answered)
    per_student_p95 = [
        percentile([(a - c) * 1000 for c, a in zip(d.changes, d.answered, strict=True) if a], 0.95)
        for d in drags
    ]
    trips = [t * 1000 for d in drags for t in d.round_trips]
    reply_bytes = [b for d in drags for b in d.reply_bytes]
    pictures = [b for d in drags for b in d.picture_bytes]
    mean = statistics.fmean
    pictures_per_second = sum(len(d.picture_bytes) for d in drags) / ARGS.seconds
    hub_cpu = mean(usage.hub_cpu) if usage.hub_cpu else math.nan
    return {
        "students": n,
        "changes": sum(len(d.changes) for d in drags),
        "updates_sent": sum(d.sent for d in drags),
        "unanswered": unanswered,
        "updates_without_picture": sum(d.without_picture for d in drags),
        "change_to_picture_ms": {
            "p50": percentile(latencies, 0.5),
            "p95": percentile(latencies, 0.95),
            "max": max(latencies, default=math.nan),
            "worst_student_p95": max(per_student_p95, default=math.nan),
        },
        "update_round_trip_ms": {"p50": percentile(trips, 0.5), "p95": percentile(trips, 0.95)},
        "bytes_per_update": {
            "mean": mean(reply_bytes) if reply_bytes else math.nan,
            "picture_mean": mean(pictures) if pictures else math.nan,
        },
        "pictures_per_second_per_student": pictures_per_second / max(len(drags), 1),
        "hub_cpu_cores": {"mean": hub_cpu, "max": max(usage.hub_cpu, default=math.nan)},
        # CPU time of the hub's processes per picture sent: what one change costs the server.
        "cpu_ms_per_picture": (
            hub_cpu / pictures_per_second * 1000 if pictures_per_second else math.nan
        ),
        "cpu_cores_by_role": {k: mean(v) for k, v in usage.cpu_by_role.items() if v},
        "load_generator_cpu_cores": mean(usage.client_cpu) if usage.client_cpu else math.nan,
        "other_cpu_cores_mean": mean(usage.other_cpu) if usage.other_cpu else math.nan,
        "memory_mib": {
            "rss_max": max(usage.rss, default=math.nan),
            "pss_max": max(usage.pss, default=math.nan),
            "pss_max_by_role": {k: max(v) for k, v in usage.pss_by_role.items() if v},
        },
        "open_notebook_s": {
            "p50": percentile([s.opened_in for s in seats], 0.5),
            "max": max((s.opened_in for s in seats), default=math.nan),
        },
    }


async def measure(hub: Hub, seats: list[Seat], seed: int) -> dict:
    usage, stop = Usage(), asyncio.Event()
    before = load_average()
    sampler = asyncio.create_task(sample(hub, usage, stop))
    drags = await asyncio.gather(
        *(seat.drag(ARGS.seconds, ARGS.rate, seed * 1000 + i) for i, seat in enumerate(seats))
    )
    stop.set()
    await sampler
    result = summarize(len(seats), drags, usage, seats)
    result["load_before"], result["load_after"] = before, load_average()
    return result


def line(r: dict) -> str:
    lat, mem = r["change_to_picture_ms"], r["memory_mib"]
    return (
        f"N={r['students']:3d}  change->picture p50 {lat['p50']:6.0f} ms  p95 {lat['p95']:6.0f} ms"
        f"  | {r['bytes_per_update']['mean'] / 1000:5.1f} kB/update"
        f"  {r['pictures_per_second_per_student']:4.1f} pictures/s/student"
        f"  | hub CPU {r['hub_cpu_cores']['mean']:4.2f} cores,"
        f" {r['cpu_ms_per_picture']:3.0f} ms/picture"
        f" (others {r['other_cpu_cores_mean']:4.2f})"
        f"  PSS {mem['pss_max']:6.0f} MiB (kernels {mem['pss_max_by_role']['kernels']:5.0f})"
        f"  | load {r['load_before']} -> {r['load_after']}"
    )


async def ramp(hub: Hub, steps: list[int], out: Path) -> dict:
    began = time.monotonic()
    seats: list[Seat] = []
    results, passed = [], None
    idle = Usage()
    stop = asyncio.Event()
    sampler = asyncio.create_task(sample(hub, idle, stop))
    await asyncio.sleep(5)
    stop.set()
    await sampler
    baseline = {
        "hub_pss_mib": max(idle.pss, default=math.nan),
        "hub_cpu_cores": statistics.fmean(idle.hub_cpu) if idle.hub_cpu else math.nan,
        "other_cpu_cores": statistics.fmean(idle.other_cpu) if idle.other_cpu else math.nan,
    }
    print(f"hub alone: {baseline}", flush=True)
    for n in steps:
        if time.monotonic() - began > ARGS.minutes * 60:
            print(f"time bound ({ARGS.minutes} min) reached before N={n}", flush=True)
            break
        new = [Seat(hub, f"student{i + 1:03d}", ARGS.width) for i in range(len(seats), n)]
        await asyncio.gather(*(seat.open(ARGS.open_timeout) for seat in new))
        seats += new
        await asyncio.sleep(2)  # let start-up work settle
        result = await measure(hub, seats, seed=n)
        print(line(result), flush=True)
        over = result["change_to_picture_ms"]["p95"] > ARGS.target
        if over and result["other_cpu_cores_mean"] > ARGS.busy:
            print(
                f"  others took {result['other_cpu_cores_mean']:.2f} cores: measuring again",
                flush=True,
            )
            first = result
            result = await measure(hub, seats, seed=n + 1)
            result["first_try"] = first
            print(line(result), flush=True)
            over = result["change_to_picture_ms"]["p95"] > ARGS.target
        results.append(result)
        (out / "report.json").write_text(json.dumps(results, indent=1))
        if over:
            break
        passed = n
    return {"baseline": baseline, "steps": results, "largest_n_under_target": passed}


def machine() -> dict:
    return {
        "cpus": os.cpu_count(),
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "cpu_model": next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor(),
        ),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def write_report(out: Path, report: dict) -> None:
    (out / "report.json").write_text(json.dumps(report, indent=1))
    lines = [
        f"# Class hub load test, {report['date']}",
        "",
        f"Machine: {report['machine']}",
        f"Settings: {report['settings']}",
        f"Hub alone: {report['baseline']}",
        "",
        *(line(r) for r in report["steps"]),
        "",
        f"Largest N with p95 under {ARGS.target:.0f} ms: {report['largest_n_under_target']}",
    ]
    (out / "report.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines[-1:]))
    print(f"report: {out / 'report.md'}, {out / 'report.json'}")


def main() -> None:
    out = Path(ARGS.out)
    out.mkdir(parents=True, exist_ok=True)
    steps = [ARGS.students] if ARGS.students else [n for n in ARGS.steps if n <= ARGS.max_students]
    state = Path(tempfile.mkdtemp(prefix="gradviz-hub-load-"))
    people = [(f"student{i + 1:03d}", "en") for i in range(max(steps))]
    hub = Hub(state, ARGS.ports, people, PASSWORD)
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "settings": {
            k: getattr(ARGS, k)
            for k in ("seconds", "rate", "width", "target", "busy", "minutes", "ports")
        },
    }
    print(f"starting the hub on http://127.0.0.1:{hub.first} (state in {state})", flush=True)
    try:
        hub.start()
        report.update(asyncio.run(ramp(hub, steps, out)))
    finally:
        hub.stop()
        if not ARGS.keep:
            shutil.rmtree(state, ignore_errors=True)
    write_report(out, report)


def arguments(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--students", type=int, help="only this N (default: the ramp)")
    p.add_argument(
        "--steps",
        type=lambda text: sorted(int(n) for n in text.split(",")),
        default=[1, 2, 3, 4, 6, 8, 12, 16, 24, 32],
        help="the ramp's N, e.g. 1,2,4,8",
    )
    p.add_argument("--max-students", type=int, default=32, help="the ramp's last N")
    p.add_argument("--seconds", type=float, default=25, help="each drag's length")
    p.add_argument("--rate", type=float, default=8, help="slider changes per second")
    p.add_argument("--width", type=float, default=1000, help="the picture's CSS width, px")
    p.add_argument("--target", type=float, default=250, help="p95 bound, ms")
    p.add_argument("--busy", type=float, default=0.3, help="others' cores that mean: repeat")
    p.add_argument("--minutes", type=float, default=25, help="time bound of the whole ramp")
    p.add_argument("--open-timeout", type=float, default=600, help="seconds to open notebook 04")
    p.add_argument("--ports", default="9500-9599", help="first-last, on 127.0.0.1")
    p.add_argument("--out", default=str(REPO / "build" / "hub-load"))
    p.add_argument("--keep", action="store_true", help="keep the hub's state folder")
    args = p.parse_args(argv)
    first, last = (int(v) for v in args.ports.split("-"))
    top = args.students or args.max_students
    if not 1 <= top <= last - first - 2:
        p.error(f"1 to {last - first - 2} students fit in ports {args.ports}")
    return args


if __name__ == "__main__":
    ARGS = arguments()
    main()

"""The class hub as a process: started from hub/jupyterhub_config.py with a class list of
its own, in a state folder of its own, and stopped with everything it started.

Used by hub/load.py and tests/test_hub.py.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import requests

HERE = Path(__file__).resolve().parent


class Hub:
    """JupyterHub from the repository's configuration, in a state folder of its own."""

    def __init__(
        self, state: Path, ports: str, people: list[tuple[str, str]], password: str, env=None
    ) -> None:
        self.state = state
        self.first = int(ports.split("-")[0])
        self.url = f"http://127.0.0.1:{self.first}"
        self.token = secrets.token_hex(16)
        class_list = state / "class.csv"
        state.mkdir(parents=True, exist_ok=True)
        rows = ["name,language,role"] + [f"{n},{lang},student" for n, lang in people]
        class_list.write_text("\n".join(rows) + "\n")
        self.env = {
            **os.environ,
            "GRADVIZ_HUB_DIR": str(state),
            "GRADVIZ_HUB_PORTS": ports,
            "GRADVIZ_CLASS": str(class_list),
            "GRADVIZ_HUB_PASSWORD": password,
            "GRADVIZ_HUB_API_TOKEN": self.token,
            **(env or {}),
        }
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 120) -> None:
        jupyterhub = Path(sys.executable).parent / "jupyterhub"
        self.log = open(self.state / "hub.log", "w")
        self.process = subprocess.Popen(
            [str(jupyterhub), "-f", str(HERE / "jupyterhub_config.py")],
            cwd=self.state,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: proxy, servers, kernels
        )
        deadline = time.monotonic() + timeout
        while True:
            try:
                if requests.get(f"{self.url}/hub/api/", timeout=5).ok:
                    return
            except requests.ConnectionError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the hub did not start:\n" + self.log_tail())
            time.sleep(0.5)

    def log_tail(self, chars: int = 4000) -> str:
        return (self.state / "hub.log").read_text(errors="replace")[-chars:]

    def api(self, method: str, path: str, **kwargs):
        reply = requests.request(
            method,
            f"{self.url}/hub/api/{path}",
            headers={"Authorization": f"token {self.token}"},
            timeout=60,
            **kwargs,
        )
        reply.raise_for_status()
        return reply.json() if reply.content else None

    def processes(self) -> list[psutil.Process]:
        """The hub and everything it started: proxy, culler, servers, kernels."""
        try:
            hub = psutil.Process(self.process.pid)
            return [hub, *hub.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def stop(self) -> None:
        """SIGTERM (the hub stops its servers), then SIGKILL to whatever it started that is
        left (servers run in sessions of their own)."""
        if self.process is None:
            return
        started = self.processes()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                pass
        for process in started:
            try:
                process.kill()
            except psutil.NoSuchProcess:
                pass
        self.process.wait(timeout=10)
        self.log.close()

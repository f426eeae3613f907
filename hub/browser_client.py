"""A simulated student of the class hub, speaking the protocols a browser does.

``Student`` logs in through the hub's login form, starts the person's server, and opens
a notebook the way JupyterLab does (contents API, a session, the kernel's websocket with
JupyterLab's ``v1.kernel.websocket.jupyter.org`` framing). ``Kernel`` runs cells and keeps
the widget models the kernel opens; ``WidgetModel.save`` sends a change exactly as the
ipywidgets front end does: a ``comm_msg`` with ``method: "update"``, and at most one such
message waiting for the kernel at a time (a change made meanwhile waits, replacing any
older waiting change, until the kernel reports idle for the pending one).

Used by hub/load.py (the load test) and tests/test_hub.py. HTTP goes through ``requests``
(in a thread), the websocket through tornado's asyncio client.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from urllib.parse import quote, urlsplit

import requests
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

WS_PROTOCOL = "v1.kernel.websocket.jupyter.org"
#: What a browser adds to a page load, an API call and a websocket (JupyterHub's XSRF
#: rules look at Sec-Fetch-Mode).
PAGE = {"Sec-Fetch-Mode": "navigate"}
API = {"Sec-Fetch-Mode": "cors", "Sec-Fetch-Site": "same-origin"}


# --- the websocket framing of JupyterLab 4 (jupyter_server's v1 kernel protocol) ---------------


def pack(channel: str, msg: dict, buffers: list[bytes] = ()) -> bytes:
    """One message as a v1 websocket frame: offsets, channel, header, parent header,
    metadata, content, buffers."""
    parts = [
        json.dumps(msg[key]).encode() for key in ("header", "parent_header", "metadata", "content")
    ]
    parts += list(buffers)
    name = channel.encode()
    offsets = [8 * (len(parts) + 3)]
    offsets.append(offsets[-1] + len(name))
    for part in parts:
        offsets.append(offsets[-1] + len(part))
    head = len(offsets).to_bytes(8, "little") + b"".join(o.to_bytes(8, "little") for o in offsets)
    return head + name + b"".join(parts)


def unpack(frame: bytes) -> tuple[str, dict]:
    """A v1 frame -> (channel, message with ``buffers``)."""
    count = int.from_bytes(frame[:8], "little")
    offsets = [int.from_bytes(frame[8 * (i + 1) : 8 * (i + 2)], "little") for i in range(count)]
    channel = frame[offsets[0] : offsets[1]].decode()
    parts = [frame[offsets[i] : offsets[i + 1]] for i in range(1, count - 1)]
    msg = {
        key: json.loads(part)
        for key, part in zip(
            ("header", "parent_header", "metadata", "content"), parts[:4], strict=True
        )
    }
    msg["buffers"] = parts[4:]
    return channel, msg


# --- the browser's HTTP side --------------------------------------------------------------------


class Student:
    """One person at a browser: ``login``, ``start_server``, ``open_notebook``."""

    def __init__(self, hub_url: str, name: str, password: str) -> None:
        self.hub_url = hub_url.rstrip("/")
        self.name = name
        self.password = password
        self.http = requests.Session()
        self.server_url = f"{self.hub_url}/user/{quote(name)}"

    def login(self) -> None:
        """Fill in the hub's login form (its _xsrf field included)."""
        page = self.http.get(f"{self.hub_url}/hub/login", headers=PAGE, timeout=30)
        page.raise_for_status()
        xsrf = self.http.cookies.get("_xsrf", path="/hub/")
        reply = self.http.post(
            f"{self.hub_url}/hub/login",
            data={"username": self.name, "password": self.password, "_xsrf": xsrf},
            headers=PAGE,
            allow_redirects=False,
            timeout=30,
        )
        if reply.status_code != 302 or "jupyterhub-session-id" not in self.http.cookies:
            raise RuntimeError(f"{self.name} could not log in: HTTP {reply.status_code}")

    def start_server(self, timeout: float = 120) -> float:
        """Ask for the server (/hub/spawn), then load JupyterLab once it runs (the OAuth
        round trip sets the server's cookies). Returns the seconds it took."""
        began = time.monotonic()
        self.http.get(f"{self.hub_url}/hub/spawn", headers=PAGE, timeout=timeout)
        while True:
            page = self.http.get(f"{self.server_url}/lab", headers=PAGE, timeout=timeout)
            if page.ok and urlsplit(page.url).path.startswith(f"/user/{self.name}/lab"):
                break
            if time.monotonic() - began > timeout:
                raise TimeoutError(f"{self.name}'s server did not start: {page.url}")
            time.sleep(0.5)
        return time.monotonic() - began

    def api(self, method: str, path: str, **kwargs) -> dict | list | None:
        """A call to the person's server's REST API, with the XSRF header JupyterLab sends."""
        xsrf = self.http.cookies.get("_xsrf", path=f"/user/{self.name}/")
        headers = {**API, "X-XSRFToken": xsrf or ""}
        reply = self.http.request(
            method, f"{self.server_url}/api/{path}", headers=headers, timeout=60, **kwargs
        )
        reply.raise_for_status()
        return reply.json() if reply.content else None

    def open_notebook(self, path: str) -> tuple[dict, str]:
        """Load a notebook and start its kernel as JupyterLab does: (notebook, kernel id)."""
        model = self.api("GET", f"contents/{quote(path)}?content=1&type=notebook")
        session = self.api(
            "POST",
            "sessions",
            json={
                "path": path,
                "name": path.rsplit("/", 1)[-1],
                "type": "notebook",
                "kernel": {"name": "python3"},
            },
        )
        return model["content"], session["kernel"]["id"]

    def kernels(self) -> list[dict]:
        return self.api("GET", "kernels")

    def cookie_header(self) -> str:
        return "; ".join(
            f"{c.name}={c.value}"
            for c in self.http.cookies
            if c.path in ("/", f"/user/{self.name}/", f"/user/{self.name}")
        )

    async def connect(self, kernel_id: str) -> Kernel:
        """The kernel's websocket, as JupyterLab opens it."""
        url = self.server_url.replace("http", "ws", 1)
        request = HTTPRequest(
            f"{url}/api/kernels/{kernel_id}/channels?session_id={uuid.uuid4()}",
            headers={
                "Cookie": self.cookie_header(),
                "Origin": self.hub_url,
                "Sec-Fetch-Mode": "websocket",
            },
        )
        ws = await websocket_connect(request, subprotocols=[WS_PROTOCOL], max_message_size=1 << 28)
        kernel = Kernel(ws)
        await kernel.request("kernel_info_request", {}, timeout=120)
        return kernel


# --- the kernel and its widgets, as the front end sees them ---------------------------------------


class KernelError(RuntimeError):
    """A cell raised: the traceback's last line, and the cell."""


def is_picture(data: dict, buffers: list) -> bool:
    """Whether a widget message carries a new picture: a PNG (binary buffers) or the
    animated layer's display list (a ``frame`` state)."""
    return bool(buffers) or (data.get("method") == "update" and "frame" in data.get("state", {}))


class Reply:
    """What came back for one request: every message with it as parent, their bytes, and
    when the first new picture and ``idle`` arrived. A picture is a ``comm_msg`` that
    carries buffers (a new static layer, PNG) or a display list (``frame``, the animated
    layer the page paints; see ``gradviz/explorers/display_list.py``); ``picture_bytes``
    adds up the websocket frames of those messages."""

    def __init__(self) -> None:
        self.messages: list[dict] = []
        self.bytes = 0
        self.picture_bytes = 0
        self.picture_at: float | None = None
        self.idle = asyncio.get_running_loop().create_future()


class Kernel:
    """A kernel's websocket: requests, replies, and the widget models it opened."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self.session = uuid.uuid4().hex
        self.replies: dict[str, Reply] = {}
        self.models: dict[str, WidgetModel] = {}
        self._reader = asyncio.get_running_loop().create_task(self._read())

    async def _read(self) -> None:
        while True:
            frame = await self.ws.read_message()
            now = time.perf_counter()
            if frame is None:
                for reply in self.replies.values():
                    if not reply.idle.done():
                        reply.idle.set_exception(ConnectionError("the kernel's websocket closed"))
                return
            channel, msg = unpack(frame)
            msg["channel"] = channel
            self._dispatch(msg, len(frame), now)

    def _dispatch(self, msg: dict, size: int, now: float) -> None:
        kind = msg["header"]["msg_type"]
        content = msg["content"]
        if kind == "comm_open" and content.get("target_name") == "jupyter.widget":
            self.models[content["comm_id"]] = WidgetModel(self, content["comm_id"], content)
        elif kind == "comm_msg" and content["comm_id"] in self.models:
            self.models[content["comm_id"]].receive(content["data"], msg["buffers"])
        reply = self.replies.get(msg["parent_header"].get("msg_id"))
        if reply is None:
            return
        reply.messages.append(msg)
        reply.bytes += size
        if kind == "comm_msg" and is_picture(content["data"], msg["buffers"]):
            reply.picture_bytes += size
            if reply.picture_at is None:
                reply.picture_at = now
        if kind == "status" and content["execution_state"] == "idle" and not reply.idle.done():
            reply.idle.set_result(now)

    def send(self, channel: str, msg_type: str, content: dict, buffers=()) -> str:
        """Send one message; returns its id (the parent id of everything it causes)."""
        msg_id = uuid.uuid4().hex
        msg = {
            "header": {
                "msg_id": msg_id,
                "msg_type": msg_type,
                "username": "student",
                "session": self.session,
                "date": datetime.now(UTC).isoformat(),
                "version": "5.3",
            },
            "parent_header": {},
            "metadata": {},
            "content": content,
        }
        frame = pack(channel, msg, buffers)
        self.replies[msg_id] = Reply()
        self.ws.write_message(frame, binary=True)
        return msg_id

    async def request(self, msg_type: str, content: dict, timeout: float) -> Reply:
        """Send on the shell channel and wait until the kernel is idle again."""
        msg_id = self.send("shell", msg_type, content)
        reply = self.replies[msg_id]
        await asyncio.wait_for(asyncio.shield(reply.idle), timeout)
        return reply

    async def execute(self, code: str, timeout: float = 300) -> Reply:
        """Run one cell (as JupyterLab sends it); raises KernelError if it raised."""
        reply = await self.request(
            "execute_request",
            {
                "code": code,
                "silent": False,
                "store_history": True,
                "user_expressions": {},
                "allow_stdin": False,
                "stop_on_error": True,
            },
            timeout,
        )
        for msg in reply.messages:
            if msg["header"]["msg_type"] == "error":
                raise KernelError(f"{msg['content']['ename']}: {msg['content']['evalue']}\n{code}")
        return reply

    async def output_text(self, code: str, timeout: float = 120) -> str:
        """What a cell printed (its stdout)."""
        reply = await self.execute(code, timeout)
        return "".join(
            m["content"]["text"]
            for m in reply.messages
            if m["header"]["msg_type"] == "stream" and m["content"]["name"] == "stdout"
        )

    def find(self, **state) -> list[WidgetModel]:
        """The widget models whose state has every given key = value."""
        return [
            m
            for m in self.models.values()
            if all(m.state.get(key) == value for key, value in state.items())
        ]

    async def close(self) -> None:
        self.ws.close()
        self._reader.cancel()


class WidgetModel:
    """A widget's model as the ipywidgets front end keeps it (``state``), and its
    message throttle: one ``update`` pending at a time, later changes merged and sent
    when the kernel is idle for the pending one."""

    def __init__(self, kernel: Kernel, comm_id: str, content: dict) -> None:
        self.kernel = kernel
        self.comm_id = comm_id
        self.state = dict(content["data"]["state"])
        self.pending = 0
        self.waiting: dict | None = None
        self.sent: list[str] = []
        #: Called with the id of each update this model sends, when it is sent.
        self.on_send: Callable[[str], None] | None = None

    def receive(self, data: dict, buffers: list[bytes]) -> None:
        if data.get("method") in ("update", "echo_update"):
            state = dict(data.get("state", {}))
            for path, buffer in zip(data.get("buffer_paths", []), buffers, strict=True):
                state[path[0]] = buffer
            self.state.update(state)

    def save(self, **changes) -> None:
        """Send ``changes`` as the front end's ``save_changes`` does (throttled)."""
        self.state.update(changes)
        if self.pending >= 1:
            self.waiting = {**(self.waiting or {}), **changes}
            return
        self._send(changes)

    def _send(self, changes: dict) -> None:
        msg_id = self.kernel.send(
            "shell",
            "comm_msg",
            {
                "comm_id": self.comm_id,
                "data": {"method": "update", "state": changes, "buffer_paths": []},
            },
        )
        self.pending += 1
        self.sent.append(msg_id)
        self.kernel.replies[msg_id].idle.add_done_callback(self._idle)
        if self.on_send is not None:
            self.on_send(msg_id)

    def _idle(self, _future) -> None:
        self.pending = max(self.pending - 1, 0)
        if self.waiting is not None and self.pending < 1:
            changes, self.waiting = self.waiting, None
            self._send(changes)

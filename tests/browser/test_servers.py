"""Who can reach the servers the project starts, and what those servers leave behind.

``make present`` (run as servers.presenter runs it): only its own page can use it. A
request whose Host header is not this machine's loopback name is refused on every route
(DNS rebinding), a client without the token of the printed link (or the login cookie it
leaves in the browser) gets nothing, a cookie sent from another site's page is refused,
and even with the token the server is read-only. A client speaking the legacy kernel
websocket protocol, which made Voila 0.5's own server grow 50-100 MB/s until killed,
is served by the Jupyter server's websocket and the server does not grow.
The test servers of JupyterLab and Notebook 7 run without a token, so with terminals
off, and leave no galata folder or shell rc file behind.
"""

from __future__ import annotations

import json
import re
import time
import urllib.request
import uuid

import psutil
import pytest
import websocket
from servers import jupyter, presenter, status

PAGE = "01_derivative.ipynb"
LEGACY, V1 = None, ["v1.kernel.websocket.jupyter.org"]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with presenter(tmp_path_factory.mktemp("present-locks")) as running:
        yield running


def get(url: str, headers: dict | None = None) -> tuple[str, dict]:
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.read().decode(), dict(response.headers)


def open_page(url: str, token: str) -> tuple[str, str]:
    """Render the page as a browser would after opening the printed link: returns the
    id of the page's kernel and the login cookie the server set."""
    request = urllib.request.Request(f"{url}/voila/render/{PAGE}?token={token}")
    with urllib.request.urlopen(request, timeout=300) as response:
        html = response.read().decode()
        cookie = response.headers["Set-Cookie"].split(";")[0]
    return re.search(r'"kernelId": "([0-9a-f-]+)"', html)[1], cookie


def kernel_ids(url: str, token: str) -> set[str]:
    return {k["id"] for k in json.loads(get(f"{url}/api/kernels?token={token}")[0])}


def channels(url: str, kernel: str, *, subprotocols=V1, **options) -> websocket.WebSocket:
    ws_url = url.replace("http://", "ws://") + f"/api/kernels/{kernel}/channels"
    return websocket.create_connection(ws_url, subprotocols=subprotocols, timeout=30, **options)


def legacy_message(msg_type: str, content: dict, channel: str = "shell") -> str:
    header = {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": "test",
              "username": "test", "version": "5.3"}  # fmt: skip
    return json.dumps({"header": header, "parent_header": {}, "metadata": {},
                       "content": content, "channel": channel, "buffers": []})  # fmt: skip


def replies(ws: websocket.WebSocket, seconds: float) -> list[dict | bytes]:
    """Every message ``ws`` receives within ``seconds`` (JSON decoded, binary as bytes)."""
    got, deadline = [], time.monotonic() + seconds
    ws.settimeout(0.5)
    while time.monotonic() < deadline:
        try:
            frame = ws.recv()
        except websocket.WebSocketTimeoutException:
            continue
        got.append(json.loads(frame) if isinstance(frame, str) else frame)
    return got


FOREIGN_HOSTS = ["attacker.example", "127.0.0.1.attacker.example", "localhost.example"]


def test_a_foreign_host_is_refused_on_every_route(served):
    url, token, _server = served
    port = url.rsplit(":", 1)[1]
    routes = [
        f"/gallery?token={token}",
        f"/voila/render/{PAGE}?token={token}",
        f"/api/kernels?token={token}",
        "/login",
        "/voila/static/voila.js",  # Voila's static files skip the server's own Host check
        "/voila/files/thumbnails/01_derivative.png",
    ]
    for route in routes:
        for host in FOREIGN_HOSTS:
            for name in (host, f"{host}:{port}"):
                assert status(url + route, {"Host": name}) == 403, (route, name)
    for name in (f"127.0.0.1:{port}", f"localhost:{port}"):
        assert status(f"{url}/gallery?token={token}", {"Host": name}) == 200
    kernel, _cookie = open_page(url, token)
    with pytest.raises(websocket.WebSocketBadStatusException, match="403"):
        channels(url, kernel, header=[f"Authorization: token {token}"], host="attacker.example")


def test_a_client_without_the_token_is_refused(served):
    url, token, _server = served
    before = kernel_ids(url, token)
    assert status(f"{url}/gallery") == 302  # to the login page
    assert status(f"{url}/voila/render/{PAGE}") == 302
    assert status(f"{url}/voila/render/{PAGE}?token=wrong") == 302
    assert kernel_ids(url, token) == before, "a page without the token started a kernel"
    assert status(f"{url}/api/kernels") == 403
    assert status(f"{url}/api/contents/{PAGE}") == 403
    kernel, cookie = open_page(url, token)
    with pytest.raises(websocket.WebSocketBadStatusException, match="403"):
        channels(url, kernel)
    # The browser's credential is the login cookie; another site's page cannot use it.
    foreign = {"Cookie": cookie, "Origin": "http://attacker.example"}
    with pytest.raises(websocket.WebSocketBadStatusException, match="403"):
        channels(url, kernel, header=[f"Cookie: {cookie}"], origin="http://attacker.example")
    shutdown = f"{url}/voila/api/shutdown/{kernel}"
    assert status(shutdown, foreign, method="POST") in (403, 404)  # the server's own refusal
    assert status(shutdown, {"Cookie": cookie}, method="POST") == 403  # no Origin, no XSRF
    assert kernel in kernel_ids(url, token)
    # Its own page may: the websocket, then the shutdown it sends as it unloads.
    channels(url, kernel, header=[f"Cookie: {cookie}"], origin=url).close()
    assert status(shutdown, {"Cookie": cookie, "Origin": url}, method="POST") == 204
    assert kernel not in kernel_ids(url, token)


def test_even_the_token_holder_can_only_look_and_move_widgets(served):
    url, token, _server = served
    auth = {"Authorization": f"token {token}"}
    assert status(f"{url}/api/kernels", auth, method="POST") == 403
    assert status(f"{url}/api/sessions", auth, method="POST") == 403
    assert status(f"{url}/api/contents/new.ipynb", auth, method="PUT") == 403
    assert status(f"{url}/api/terminals", auth, method="POST") == 404
    kernel, _cookie = open_page(url, token)
    ws = channels(url, kernel, subprotocols=LEGACY, header=[f"Authorization: token {token}"])
    try:
        ws.send(legacy_message("execute_request", {"code": "1 + 1", "silent": False}))
        ws.send(legacy_message("kernel_info_request", {}))
        types = [m["msg_type"] for m in replies(ws, 5) if isinstance(m, dict)]
    finally:
        ws.close()
    assert "kernel_info_reply" in types
    assert "execute_reply" not in types and "execute_result" not in types


def test_a_legacy_protocol_client_does_not_make_the_server_grow(served):
    """The widgets' state, with the picture's PNG as a binary buffer, over the legacy
    protocol. Voila 0.5's own websocket handler read the legacy binary message as a v1
    one and set out to build a list of ~10^17 offsets: it never sent the message, never
    answered another request, and grew until killed (tried: +23 MB in 5 s on a busy
    2-core machine, and on)."""
    url, token, server = served
    kernel, _cookie = open_page(url, token)
    process = psutil.Process(server.pid)
    ws = channels(url, kernel, subprotocols=LEGACY, header=[f"Authorization: token {token}"])
    try:
        ws.send(legacy_message("comm_info_request", {"target_name": "jupyter.widget"}))
        info = next(
            m for m in replies(ws, 5) if isinstance(m, dict) and m["msg_type"] == "comm_info_reply"
        )
        comms = list(info["content"]["comms"])
        assert comms, "the page has no widgets"
        before = process.memory_info().rss
        for _ in range(5):
            for comm in comms:
                content = {"comm_id": comm, "data": {"method": "request_state"}}
                ws.send(legacy_message("comm_msg", content))
        got = replies(ws, 8)
        grown = process.memory_info().rss - before
    finally:
        ws.close()
    assert any(isinstance(m, bytes) for m in got), "no binary message (the picture) came back"
    assert grown < 50e6, f"the server grew by {grown / 1e6:.0f} MB"
    assert process.is_running() and status(f"{url}/api/status?token={token}", timeout=5) == 200


def no_leftovers(work) -> list[str]:
    """What a server left in its TMPDIR that JupyterLab's galata configuration leaves."""
    return [
        p.name
        for p in (work / "tmp").iterdir()
        if p.name.startswith("galata-") or (p.is_file() and p.read_text().startswith("PS1="))
    ]


@pytest.mark.parametrize("app", ["lab", "notebook"])
def test_a_test_server_has_terminals_off_and_leaves_nothing(tmp_path, app):
    with jupyter(app, tmp_path, tmp_path) as (url, _server):
        assert status(f"{url}/api/terminals", method="POST") == 404
        assert status(f"{url}/api/terminals") == 404
        assert status(f"{url}/api/status") == 200  # the server itself answers, without a token
    assert no_leftovers(tmp_path) == []


def test_the_presenter_view_has_terminals_off(served):
    url, token, _server = served
    assert status(f"{url}/api/terminals?token={token}", method="POST") == 404

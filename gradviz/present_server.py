"""The Jupyter server extension behind ``make present`` (configured in jupyter/present_config.py).

``make present`` runs Voila as an extension of a Jupyter server instead of Voila's own
server, so that the presenter view has the Jupyter server's locks: a token (the printed
link holds it; the page keeps it as a cookie no other site can read), Host and Origin
checks, XSRF checks, idle-kernel culling, and its kernel websocket, which does not have
the legacy-protocol bug of Voila 0.5's own (a client speaking the legacy protocol made
that server grow until killed). This extension adds what Voila lacks:

- ``/gallery`` (``/gallery/zh`` in Chinese): the first page, a card per explorer with
  its title, question and thumbnail (:mod:`gradviz.gallery`);
- the shutdown of a page's kernel when the page is closed or reloaded: Voila's page
  asks for it as it unloads, without the XSRF token the server wants, so the kernel
  stayed (about 125 MB each); :class:`PageShutdownHandler` accepts the request when it
  comes from a page of this server (its Origin header), and the culling configured
  in jupyter/present_config.py catches any kernel whose page never asked;
- a Host allow-list in front of *every* route, Voila's static files included (their
  handlers skip the Jupyter server's own Host check): a request whose Host is not this
  machine's loopback name gets 403, so a page on another site cannot reach the server
  by DNS rebinding;
- :class:`PresenterAuthorizer`: even with the token, the server is read-only: pages can
  be shown and their kernels' widgets talked to, but no file written, no kernel or
  terminal started through the API, no code sent to a kernel;
- a banner with the links to open, printed once the server listens (the real port).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode, urlparse

from jupyter_server.auth.authorizer import Authorizer
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web
from tornado.ioloop import IOLoop
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler

from gradviz import gallery, i18n
from gradviz.i18n import _

__all__ = ["GalleryHandler", "PageShutdownHandler", "PresenterAuthorizer", "foreign_host_pattern"]

#: The gallery's languages: the path after /gallery and the folder of their pages.
LANGUAGES = {"": ("en", Path()), "zh": ("zh_CN", Path("zh"))}

#: Messages a kernel accepts over the websocket: the widgets' (comm) messages only.
WIDGET_MESSAGES = [
    "comm_open",
    "comm_close",
    "comm_msg",
    "comm_info_request",
    "kernel_info_request",
    "shutdown_request",
]


def _jupyter_server_extension_points() -> list[dict]:
    return [{"module": "gradviz.present_server"}]


class PresenterAuthorizer(Authorizer):
    """Allow reading, and talking to a page's kernel; refuse every write and start."""

    def is_authorized(self, handler, user, action: str, resource: str) -> bool:
        return action == "read" or (action == "execute" and resource == "kernels")


class ForeignHostHandler(web.RequestHandler):
    """Every request whose Host header is not this machine's: 403, nothing else."""

    def prepare(self) -> None:
        message = _(
            "Refused a request for the host {host}: the presenter view answers only to "
            "the names of this machine's loopback address (127.0.0.1, localhost)."
        )
        # The message goes to the server's log; the client gets a bare 403.
        raise web.HTTPError(403, message.format(host=self.request.host).replace("%", "%%"))


def foreign_host_pattern(local_hostnames: list[str]) -> str:
    """A regular expression matching every host name except the loopback ones
    (``127.x.x.x``, ``::1``) and ``local_hostnames`` (tornado compares it with the Host
    header, port removed, lower case)."""
    names = [re.escape(name.lower()) for name in local_hostnames]
    local = "|".join([r"127(\.\d{1,3}){3}", r"\[?::1\]?", *names])
    return rf"^(?!(?:{local})$).*$"


class PageShutdownHandler(VoilaShutdownKernelHandler):
    """Voila's ``POST /voila/api/shutdown/<kernel>``, sent by its page as the page unloads.

    The request carries the login cookie but no XSRF token; its Origin header, which a
    browser sets and no page can forge, shows that it comes from this server's own page.
    """

    def check_xsrf_cookie(self) -> None:
        origin = self.request.headers.get("Origin")
        host = self.request.headers.get("Host")
        if origin and host and urlparse(origin.lower()).netloc == host.lower():
            return None
        return super().check_xsrf_cookie()


class GalleryHandler(JupyterHandler):
    """The first page: every explorer page of the language with title, question, thumbnail."""

    def initialize(self, root: Path) -> None:
        self.root = root

    @web.authenticated
    def get(self, language: str | None = None) -> None:
        language = language or ""
        if language not in LANGUAGES:
            raise web.HTTPError(404)
        code, folder = LANGUAGES[language]
        base = self.base_url
        with i18n.language(code):
            page = {
                "lang": "zh-CN" if code == "zh_CN" else "en",
                "heading": _("The explorers of the gradient series"),
                "intro": _("Pick an explorer: each opens on its own page, live, without code."),
                # A language's name is written in that language.
                "other_language": i18n.LANGUAGES["zh_CN" if code == "en" else "en"],
            }
        other = "zh" if language == "" else ""
        cards = [
            {
                "title": c.title,
                "question": c.question,
                "href": url_path_join(base, "voila/render", folder.as_posix(), c.page),
                "thumbnail": url_path_join(base, "voila/files", folder.as_posix(), c.thumbnail),
            }
            for c in gallery.cards(self.root / folder)
        ]
        template = self.settings["voila_jinja2_env"].get_template("gallery.html")
        self.finish(
            template.render(
                cards=cards,
                other_href=url_path_join(base, "gallery", other),
                base_url=base,
                **page,
            )
        )


def banner(url: str, token: str) -> str:
    """What the terminal shows once the server listens: the links to open, token included."""
    query = "?" + urlencode({"token": token}) if token else ""
    return "\n".join(
        [
            "",
            "==> "
            + _("The presenter view is ready. Open this link (it holds this session's key):"),
            f"    {url}gallery{query}",
            "    " + _("Chinese gallery:") + f" {url}gallery/zh{query}",
            "    " + _("Stop it with Ctrl-C."),
            "",
        ]
    )


def _add_first(web_app, host_pattern: str, handlers: list) -> None:
    """Add ``handlers`` ahead of every route added so far (tornado tries them in order)."""
    web_app.add_handlers(host_pattern, handlers)
    rules = web_app.default_router.rules
    rules.insert(0, rules.pop(-2))


def _load_jupyter_server_extension(serverapp) -> None:
    web_app = serverapp.web_app
    base = web_app.settings["base_url"]
    root = Path(serverapp.root_dir)
    _add_first(
        web_app,
        ".*$",
        [
            (url_path_join(base, r"/gallery/?(zh)?/?"), GalleryHandler, {"root": root}),
            (url_path_join(base, r"/voila/api/shutdown/(.*)"), PageShutdownHandler),
        ],
    )
    if not serverapp.allow_remote_access:
        pattern = foreign_host_pattern(serverapp.local_hostnames)
        _add_first(web_app, pattern, [(r".*", ForeignHostHandler)])

    def announce() -> None:
        print(banner(serverapp.connection_url, serverapp.identity_provider.token), flush=True)

    IOLoop.current().add_callback(announce)

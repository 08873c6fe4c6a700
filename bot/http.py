"""HTTP mode: Bolt behind a production WSGI server (waitress), plus `/healthz`.

Slack sends commands, interactivity and events to one path, `/slack/events`;
Bolt verifies each request's signature and answers 401 when it is wrong.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from waitress.server import create_server

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"


class CoachflowWsgi:
    def __init__(self, app: App, health_check: Callable[[], bool]) -> None:
        self._slack = SlackRequestHandler(app, path=EVENTS_PATH)
        self._health_check = health_check

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == HEALTH_PATH and environ.get("REQUEST_METHOD") in {"GET", "HEAD"}:
            healthy = self._health_check()
            body = json.dumps({"ok": healthy, "database": "ok" if healthy else "unreachable"}).encode()
            start_response(
                "200 OK" if healthy else "503 Service Unavailable",
                [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
            )
            return [body]
        return self._slack(environ, start_response)


class HttpServer:
    """A waitress server that can run in the foreground or in a thread (tests)."""

    def __init__(self, wsgi: CoachflowWsgi, host: str = "0.0.0.0", port: int = 3000, threads: int = 8) -> None:
        self._server = create_server(wsgi, host=host, port=port, threads=threads, ident="coachflow")
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self._server.effective_port)  # type: ignore[union-attr]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def serve_forever(self) -> None:
        log.info("Coachflow listening on port %s (%s)", self.port, EVENTS_PATH)
        self._server.run()

    def start(self) -> HttpServer:
        self._thread = threading.Thread(target=self._server.run, name="coachflow-http", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.close()
        if self._thread is not None:
            self._thread.join(timeout=5)

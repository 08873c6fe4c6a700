"""HTTP mode: Bolt behind a production WSGI server (waitress), plus `/healthz`.

Slack sends commands, interactivity and events to one path, `/slack/events`.
Each request is checked here before Bolt parses it (bot/request_guard.py):
size first (413), then the signature (401); a refusal is one short log line
without the body. `/healthz` answers within its budget (bot/health.py).
In OAuth mode (bot/oauth.py) `GET /slack/install` and `GET /slack/oauth_redirect`
go to Bolt's OAuth flow: a browser sends them, so they carry no signature;
Bolt checks the state (and its cookie) and exchanges the code itself.
"""

from __future__ import annotations

import json
import logging
import sys
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest
from slack_bolt.adapter.wsgi.http_response import WsgiHttpResponse
from waitress.channel import HTTPChannel
from waitress.server import create_server
from waitress.task import ErrorTask

from bot.queue_log import fold_queue_warnings
from bot.request_guard import Refused, SignatureCheck, read_body

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
# Slack's largest payload is a view submission (the whole view, URL-encoded);
# see COACHFLOW_MAX_REQUEST_KB in bot/config.py for the default.
DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024


class CoachflowWsgi:
    def __init__(
        self,
        app: App,
        health_check: Callable[[], bool],
        *,
        signing_secret: str,
        max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES,
    ) -> None:
        self._app = app
        self._health_check = health_check
        self._signature = SignatureCheck(signing_secret)
        self.max_request_bytes = max_request_bytes

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO"), environ.get("REQUEST_METHOD")
        if path == HEALTH_PATH and method in {"GET", "HEAD"}:
            healthy = self._health_check()
            body = json.dumps({"ok": healthy, "database": "ok" if healthy else "unavailable"}).encode()
            return _answer(start_response, 200 if healthy else 503, body, "application/json")
        if path == EVENTS_PATH and method == "POST":
            return self._slack_request(environ, start_response)
        oauth = self._app.oauth_flow
        if oauth is not None and method == "GET" and path in (oauth.install_path, oauth.redirect_uri_path):
            return self._oauth_request(environ, start_response, install=path == oauth.install_path)
        return _answer(start_response, 404, b"Not Found", "text/plain;charset=utf-8")

    def _slack_request(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        request = WsgiHttpRequest(environ)
        headers = request.get_headers()
        try:
            raw = read_body(environ, self.max_request_bytes)
            text = self._signature.verified_text(
                raw, _header(headers, "x-slack-request-timestamp"), _header(headers, "x-slack-signature")
            )
        except Refused as refusal:
            log.warning("refused a Slack request: %s %s (from %s)", refusal.status, refusal.reason,
                        environ.get("REMOTE_ADDR", "?"))
            body = json.dumps({"error": "request too large" if refusal.status == 413 else "invalid request"})
            return _answer(start_response, refusal.status, body.encode(), "application/json")
        # Bolt reads Content-Length again; the body is already in hand.
        headers["content-length"] = str(len(raw))
        response: BoltResponse = self._app.dispatch(BoltRequest(body=text, query=request.query_string, headers=headers))
        wsgi_response = WsgiHttpResponse(status=response.status, headers=response.headers, body=response.body)
        start_response(wsgi_response.status, wsgi_response.get_headers())
        return wsgi_response.get_body()


    def _oauth_request(self, environ: WSGIEnvironment, start_response: StartResponse, *,
                       install: bool) -> Iterable[bytes]:
        """OAuth mode: a browser, not Slack, asks (unsigned); Bolt's flow checks the state and the code itself."""
        request = WsgiHttpRequest(environ)
        bolt_request = BoltRequest(body="", query=request.query_string, headers=request.get_headers())
        oauth = self._app.oauth_flow
        assert oauth is not None
        response = oauth.handle_installation(bolt_request) if install else oauth.handle_callback(bolt_request)
        wsgi_response = WsgiHttpResponse(status=response.status, headers=response.headers, body=response.body)
        start_response(wsgi_response.status, wsgi_response.get_headers())
        return wsgi_response.get_body()


def _header(headers: dict[str, Any], name: str) -> str | None:
    value = headers.get(name)
    return value if isinstance(value, str) else None


def _answer(start_response: StartResponse, status: int, body: bytes, content_type: str) -> Iterable[bytes]:
    reasons = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found",
               413: "Payload Too Large", 503: "Service Unavailable"}
    start_response(f"{status} {reasons[status]}",
                   [("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return [body]


class _LoggedErrorTask(ErrorTask):
    """waitress refuses an oversized body itself, before it is buffered; say so in one line."""

    def execute(self) -> None:
        # types-waitress types `request` as the Error; at run time it is the parser holding it.
        error = self.request.error  # type: ignore[attr-defined]
        log.warning("refused a request: %s %s (%s)", error.code, error.reason, error.body)
        super().execute()


class _Channel(HTTPChannel):
    error_task_class = _LoggedErrorTask


# How long a thread may hold the GIL before another waiting thread gets it.
# Python's default is 5 ms. A listener acks and then works on in its own
# thread (lookups, App Homes, Block Kit); the ack still has to pass through
# Bolt's thread and waitress' socket loop, and each hand-off could wait out a
# whole interval behind it. At 0.5 ms the ack leaves as soon as it is given
# (`make bench`: ack p50 16.5 -> 14 ms, p99 35 -> 22-24 ms). Three CPU-bound
# threads took the same time (0.96 s) at 5 ms and at 0.5 ms.
GIL_SWITCH_INTERVAL = 0.0005


class HttpServer:
    """A waitress server that can run in the foreground or in a thread (tests)."""

    def __init__(
        self, wsgi: CoachflowWsgi, host: str = "0.0.0.0", port: int = 3000, threads: int = 8,  # noqa: S104 - as `run --host`
    ) -> None:
        self._server = create_server(
            wsgi, host=host, port=port, threads=threads, ident="coachflow",
            # waitress refuses a body of this size or more (its default is 1 GB, buffered to disk).
            max_request_body_size=wsgi.max_request_bytes + 1,
        )
        # One host, one socket: a BaseWSGIServer (the MultiSocketServer in the union is for several).
        self._server.channel_class = _Channel  # type: ignore[union-attr]
        self._thread: threading.Thread | None = None
        sys.setswitchinterval(min(sys.getswitchinterval(), GIL_SWITCH_INTERVAL))
        fold_queue_warnings()  # one line a minute when requests queue, not one per request

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
        # Let the worker threads finish the request in hand first: closing under one makes
        # it fail on waitress' closed trigger ("Bad file descriptor") after its answer went out.
        self._server.task_dispatcher.shutdown(cancel_pending=False, timeout=5)
        self._server.close()
        if self._thread is not None:
            self._thread.join(timeout=5)

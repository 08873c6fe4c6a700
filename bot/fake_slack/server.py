"""`FakeSlackServer`: a `FakeSlack` served over real HTTP on 127.0.0.1, for end-to-end tests and the demo.

Serves what the real `slack_sdk` clients send:
- `POST /api/<method>` with a form-encoded or JSON body (WebClient sends
  `views.publish` as JSON, `users.info` as a form), the token as
  `Authorization: Bearer ...` or a `token` parameter. slack_sdk sets a JSON
  content type even on calls without a body (`auth.test()`), so an empty body
  is an empty parameter set whatever the content type says.
- `POST /response/<token>` with a JSON body, as `WebhookClient` (and so Bolt's
  `respond()`) sends to a response_url; the answer is a plain-text `ok`.
- `POST /upload/v1/<ticket>` with a file's raw bytes: the upload URL that
  files.getUploadURLExternal hands out while this server runs.
- `GET /files-pri/<team>-<file>/[download/]<name>`: a shared file's bytes with
  `Authorization: Bearer <bot token>`, else a redirect to the sign-in page
  (`GET /signin`, HTML), as Slack answers (see `files_shared`).
- With `oauth` (`FakeSlackOAuth`): every API call goes to the workspace its
  token belongs to, `oauth.v2.access` exchanges codes and refresh tokens, and
  `GET /oauth/v2/authorize` stands in for Slack's consent page.
"""

from __future__ import annotations

import base64
import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from bot.fake_slack.files import UPLOAD_PATH
from bot.fake_slack.files_shared import FILES_PREFIX, LOGIN_PATH
from bot.fake_slack.oauth import AUTHORIZE_PATH, FakeSlackOAuth
from bot.fake_slack.wire import FakeResponse
from bot.fake_slack.workspace import FakeSlack

log = logging.getLogger(__name__)

API_PREFIX = "/api/"
RESPONSE_PREFIX = "/response/"
MAX_BODY = 10 * 1024 * 1024


class _BadRequestError(Exception):
    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


def _parse_body(content_type: str, raw: bytes) -> dict[str, Any]:
    if not raw.strip():
        return {}
    media_type = content_type.split(";", maxsplit=1)[0].strip().lower()
    if media_type == "application/json":
        try:
            parsed = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise _BadRequestError("invalid_json") from None
        if not isinstance(parsed, dict):
            raise _BadRequestError("invalid_json")
        return parsed
    if media_type in ("application/x-www-form-urlencoded", ""):
        return dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
    # Multipart (file uploads) is not something the fake implements.
    raise _BadRequestError("invalid_form_data")


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    # HTTP/1.0 (the default): one request per connection, so no idle keep-alive
    # threads linger after a test, and every client slack_sdk uses is happy.

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class names it so
        log.debug("fake Slack %s - %s", self.address_string(), format % args)

    def do_GET(self) -> None:
        self._dispatch(b"")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._send(413, {"Content-Type": "text/plain"}, b"too large")
            return
        self._dispatch(self.rfile.read(length) if length else b"")

    def _dispatch(self, raw: bytes) -> None:
        url = urlsplit(self.path)
        try:
            if self.command == "GET" and url.path == AUTHORIZE_PATH and self.server.oauth is not None:
                self._send(*self.server.oauth.authorize_page(url.query))
            elif self.command == "GET" and (url.path.startswith(FILES_PREFIX) or url.path == LOGIN_PATH):
                self._file(url.path, url.query)
            elif url.path.startswith(API_PREFIX):
                self._api(url.path[len(API_PREFIX):], url.query, raw)
            elif url.path.startswith(RESPONSE_PREFIX) and self.command == "POST":
                self._response_url(unquote(url.path[len(RESPONSE_PREFIX):]), raw)
            elif url.path.startswith(UPLOAD_PATH) and self.command == "POST":
                status, body = self.server.fake.receive_upload(url.path, raw, self.headers.get("Content-Type", ""))
                self._send(status, {"Content-Type": "text/plain; charset=utf-8"}, body)
            else:
                self._send(404, {"Content-Type": "text/plain"}, b"not found")
        except _BadRequestError as bad:
            self._send_api(FakeResponse.failure(bad.error))

    def _api(self, method: str, query: str, raw: bytes) -> None:
        params: dict[str, Any] = dict(parse_qsl(query, keep_blank_values=True))
        params.update(_parse_body(self.headers.get("Content-Type", ""), raw))
        token = params.pop("token", None)
        authorization = self.headers.get("Authorization", "")
        if authorization.lower().startswith("bearer "):
            token = authorization[len("bearer "):].strip()
        token = token if isinstance(token, str) else None
        if self.server.oauth is not None:  # several workspaces: the token says which
            self._send_api(self.server.oauth.handle(method, params, token, _basic(authorization)))
            return
        self._send_api(self.server.fake.handle(method, params, token))

    def _file(self, path: str, query: str) -> None:
        authorization = self.headers.get("Authorization", "")
        token = authorization[len("bearer "):].strip() if authorization.lower().startswith("bearer ") else None
        answer = self.server.fake.get_file(path, query, token)
        self._send(answer.status, answer.headers, answer.body)

    def _response_url(self, path_token: str, raw: bytes) -> None:
        try:
            payload = json.loads(raw.decode("utf-8")) if raw.strip() else {}
        except (UnicodeDecodeError, json.JSONDecodeError):
            payload = None
        if not isinstance(payload, dict):
            self._send(400, {"Content-Type": "text/plain"}, b"invalid_payload")
            return
        injected = self.server.fake.response_url_fault(path_token)
        if injected is not None:
            # A response_url answers in plain text: the status, its headers (Retry-After) and a short code.
            headers = {**injected.headers, "Content-Type": "text/plain"}
            self._send(injected.status, headers, (injected.error or "error").encode("utf-8"))
            return
        violations = self.server.fake.record_response(path_token, payload)
        if violations:
            # What Slack's response_url answers for bad blocks: 400 and a short code.
            self._send(400, {"Content-Type": "text/plain"}, b"invalid_blocks")
            return
        self._send(200, {"Content-Type": "text/plain"}, b"ok")

    def _send_api(self, response: FakeResponse) -> None:
        self._send(response.status, response.headers, json.dumps(response.body).encode("utf-8"))

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _basic(authorization: str) -> tuple[str, str] | None:
    """HTTP Basic credentials (oauth.v2.access's client id and secret), if that is what was sent."""
    if not authorization.lower().startswith("basic "):
        return None
    try:
        decoded = base64.b64decode(authorization[len("basic "):].strip()).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None
    user, _, password = decoded.partition(":")
    return user, password


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a stuck client must not keep the test process alive
    allow_reuse_address = True

    def __init__(self, fake: FakeSlack, oauth: FakeSlackOAuth | None = None) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.fake = fake
        self.oauth = oauth


class FakeSlackServer:
    """Serves `fake` on an ephemeral port; use as a context manager or start()/stop()."""

    def __init__(self, fake: FakeSlack, oauth: FakeSlackOAuth | None = None) -> None:
        """`oauth`: several workspaces (routed by token) and the OAuth endpoints; `fake` is the first."""
        self.fake = fake
        self.oauth = oauth
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> FakeSlackServer:
        if self._server is not None:
            return self
        self._server = _Server(self.fake, self.oauth)
        self.fake.serve_files_at(self.root_url)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"fake-slack:{self.port}",
            daemon=True,
        )
        self._thread.start()
        self.fake.serve_uploads_at(f"{self.root_url}{UPLOAD_PATH}")
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        self._server, self._thread = None, None
        if server is None:
            return
        self.fake.serve_uploads_at(None)
        server.shutdown()
        server.server_close()
        if thread is not None:
            thread.join(timeout=5)

    def __enter__(self) -> FakeSlackServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("FakeSlackServer is not running; call start() or use `with`")
        return int(self._server.server_address[1])

    @property
    def root_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """For `WebClient(base_url=...)`; the trailing slash matters, slack_sdk joins method names onto it."""
        return f"{self.root_url}{API_PREFIX}"

    @property
    def response_url_base(self) -> str:
        """For `SlackRequests(response_url_base=...)`: append a token to get a response_url."""
        return f"{self.root_url}{RESPONSE_PREFIX}"

    def response_url(self, token: str) -> str:
        return f"{self.response_url_base}{quote(token, safe='')}"

    @property
    def authorize_url(self) -> str:
        """For Bolt's `OAuthSettings(authorization_url=...)`: the consent page stand-in."""
        return f"{self.root_url}{AUTHORIZE_PATH}"

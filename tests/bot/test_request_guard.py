"""The size cap is enforced before the body is read (issue 8, finding 2)."""

from __future__ import annotations

import io
import logging
import time
from typing import Any

import pytest
from slack_bolt import App

from bot.http import CoachflowWsgi
from bot.request_guard import Refused, SignatureCheck

CAP = 64 * 1024
SECRET = "guard-secret"


class EndlessBody(io.RawIOBase):
    """A request body that never ends, counting what the app reads of it."""

    def __init__(self) -> None:
        self.read_bytes = 0

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            raise AssertionError("the app read the whole body")
        self.read_bytes += size
        return b"a" * size


def _app() -> App:
    return App(signing_secret=SECRET, token_verification_enabled=False, token="xoxb-unused")


def _call(wsgi: CoachflowWsgi, environ: dict[str, Any]) -> str:
    statuses: list[str] = []
    b"".join(wsgi(environ, lambda status, headers: statuses.append(status)))  # type: ignore[arg-type]
    return statuses[0]


def _environ(body: io.RawIOBase, content_length: str | None) -> dict[str, Any]:
    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/slack/events", "SERVER_PROTOCOL": "HTTP/1.1",
               "wsgi.input": body, "REMOTE_ADDR": "203.0.113.9"}
    if content_length is not None:
        environ["CONTENT_LENGTH"] = content_length
    return environ


def test_a_100_mb_content_length_is_refused_without_reading_a_byte(caplog: pytest.LogCaptureFixture) -> None:
    body = EndlessBody()
    wsgi = CoachflowWsgi(_app(), lambda: True, signing_secret=SECRET, max_request_bytes=CAP)

    with caplog.at_level(logging.INFO):
        status = _call(wsgi, _environ(body, str(100 * 1024 * 1024)))

    assert status.startswith("413")
    assert body.read_bytes == 0
    assert [r.getMessage() for r in caplog.records] == [
        "refused a Slack request: 413 Content-Length 104857600 over the 65536-byte limit (from 203.0.113.9)"
    ]


def test_a_chunked_body_is_read_only_up_to_the_cap() -> None:
    body = EndlessBody()
    wsgi = CoachflowWsgi(_app(), lambda: True, signing_secret=SECRET, max_request_bytes=CAP)

    assert _call(wsgi, _environ(body, None)).startswith("413")
    assert body.read_bytes == CAP + 1


@pytest.mark.parametrize("content_length", ["12x", "-1", "１２"])
def test_a_content_length_that_is_not_a_number_is_400(content_length: str) -> None:
    wsgi = CoachflowWsgi(_app(), lambda: True, signing_secret=SECRET, max_request_bytes=CAP)
    assert _call(wsgi, _environ(EndlessBody(), content_length)).startswith("400")


@pytest.mark.parametrize(("timestamp", "signature", "reason"), [
    ("abc", "v0=" + "0" * 64, "malformed X-Slack-Request-Timestamp"),
    ("1²", "v0=" + "0" * 64, "malformed X-Slack-Request-Timestamp"),
    (None, None, "missing or malformed X-Slack-Request-Timestamp"),
    ("1000", "v0=" + "0" * 64, "stale"),
    ("2000", "v0=zz", "malformed X-Slack-Signature"),
    ("2000", "v0=" + "0" * 64, "bad X-Slack-Signature"),
])
def test_every_verification_failure_is_refused(timestamp: str | None, signature: str | None, reason: str) -> None:
    check = SignatureCheck(SECRET, clock=lambda: 2000.0)
    with pytest.raises(Refused) as refused:
        check.verified_text(b"command=/coach", timestamp, signature)
    assert refused.value.status == 401 and reason in refused.value.reason


def test_the_checks_cost_well_under_a_millisecond() -> None:
    import hashlib
    import hmac

    body = b"payload=" + b"x" * 8000
    signature = "v0=" + hmac.new(SECRET.encode(), b"v0:2000:" + body, hashlib.sha256).hexdigest()
    check = SignatureCheck(SECRET, clock=lambda: 2000.0)
    rounds = 2000
    started = time.perf_counter()
    for _ in range(rounds):
        check.verified_text(body, "2000", signature)
    assert (time.perf_counter() - started) / rounds < 0.001


def test_the_cap_is_a_setting_with_a_small_default() -> None:
    from bot.config import ConfigError, load_settings

    assert load_settings(None).max_request_bytes == 1024 * 1024
    assert load_settings(None, COACHFLOW_MAX_REQUEST_KB="256").max_request_bytes == 256 * 1024
    with pytest.raises(ConfigError, match=r"COACHFLOW_MAX_REQUEST_KB: .*from 64 to 10240"):
        load_settings(None, COACHFLOW_MAX_REQUEST_KB="8")

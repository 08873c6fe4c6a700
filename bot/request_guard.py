"""Slack requests are checked at the WSGI layer, before Bolt parses or logs them.

Order, cheapest first: the size (from Content-Length, before reading a
byte), a bounded read (chunked bodies), the timestamp (digits, within five
minutes), the HMAC-SHA256 signature over the raw bytes, and only then the
UTF-8 decoding. Any failure is a short reason for one log line; the body is
never logged. Bolt checks the signature again (defence in depth, Socket Mode
shares its middleware), but it never sees a request that would fail.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import IO

# Slack's own rule: refuse requests whose timestamp is more than five minutes away.
MAX_CLOCK_SKEW_SECONDS = 60 * 5
_TIMESTAMP = re.compile(r"[0-9]{1,15}")  # ASCII digits only: "²" is a digit to str.isdigit
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")
_READ_CHUNK = 64 * 1024


class Refused(Exception):
    """A request refused before Bolt sees it: an HTTP status and a reason without the body."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def read_body(environ: Mapping[str, object], limit: int) -> bytes:
    """The raw body, refusing (413) anything over `limit` bytes without reading past it."""
    stream = environ.get("wsgi.input")
    declared = str(environ.get("CONTENT_LENGTH") or "").strip()
    if declared:
        if not declared.isascii() or not declared.isdigit():
            raise Refused(400, "Content-Length is not a number")
        if int(declared) > limit:
            raise Refused(413, f"Content-Length {declared} over the {limit}-byte limit")
        return _read_exactly(stream, int(declared)) if stream is not None else b""
    if stream is None:
        return b""
    # No Content-Length (chunked): read at most limit + 1 bytes to learn whether it is too big.
    return _read_at_most(stream, limit)


def _read_exactly(stream: object, size: int) -> bytes:
    reader: IO[bytes] = stream  # type: ignore[assignment]
    return reader.read(size) if size else b""


def _read_at_most(stream: object, limit: int) -> bytes:
    reader: IO[bytes] = stream  # type: ignore[assignment]
    parts: list[bytes] = []
    received = 0
    while received <= limit:
        part = reader.read(min(_READ_CHUNK, limit + 1 - received))
        if not part:
            return b"".join(parts)
        parts.append(part)
        received += len(part)
    raise Refused(413, f"body over the {limit}-byte limit (no Content-Length)")


@dataclass(frozen=True)
class SignatureCheck:
    signing_secret: str
    clock: Callable[[], float] = time.time

    def verified_text(self, body: bytes, timestamp: str | None, signature: str | None) -> str:
        """The body as text when Slack signed it; `Refused(401)` otherwise."""
        if not self.signing_secret:
            raise Refused(401, "no signing secret is configured")
        if timestamp is None or not _TIMESTAMP.fullmatch(timestamp):
            raise Refused(401, "missing or malformed X-Slack-Request-Timestamp")
        if abs(self.clock() - int(timestamp)) > MAX_CLOCK_SKEW_SECONDS:
            raise Refused(401, "stale X-Slack-Request-Timestamp")
        if signature is None or not _SIGNATURE.fullmatch(signature):
            raise Refused(401, "missing or malformed X-Slack-Signature")
        expected = hmac.new(
            self.signing_secret.encode(), b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256
        ).hexdigest()
        if not hmac.compare_digest("v0=" + expected, signature):
            raise Refused(401, "bad X-Slack-Signature")
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            raise Refused(401, "body is not UTF-8") from None

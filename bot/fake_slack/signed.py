"""A signed request as Slack sends it, ready for Bolt in-process or for an HTTP post."""

from __future__ import annotations

import urllib.request
from dataclasses import dataclass, field
from typing import Any
from urllib.error import HTTPError

from slack_bolt.request import BoltRequest


@dataclass(frozen=True)
class HttpReply:
    """What the app answered over HTTP."""

    status: int
    headers: dict[str, str]
    body: str


@dataclass(frozen=True)
class SignedRequest:
    """Body and headers exactly as Slack would send them; `payload` is the parsed content."""

    body: str
    headers: dict[str, str]
    payload: dict[str, Any] = field(default_factory=dict)
    response_token: str | None = None  # the response_url's last segment, for `fake.responses_for`

    @property
    def timestamp(self) -> str:
        return self.headers["x-slack-request-timestamp"]

    @property
    def signature(self) -> str:
        return self.headers["x-slack-signature"]

    def bolt(self) -> BoltRequest:
        return BoltRequest(body=self.body, headers=dict(self.headers))

    def post(self, url: str, timeout: float = 10.0) -> HttpReply:
        """Send over real HTTP (the app's /slack/events); error statuses are returned, not raised."""
        request = urllib.request.Request(url, data=self.body.encode("utf-8"), headers=self.headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                return HttpReply(answer.status, dict(answer.headers), answer.read().decode("utf-8"))
        except HTTPError as error:
            try:
                return HttpReply(error.code, dict(error.headers), error.read().decode("utf-8"))
            finally:
                error.close()

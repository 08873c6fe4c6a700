"""Test helpers shared by the fake Slack's tests."""

from __future__ import annotations

from typing import Any

from slack_sdk.http_retry import RateLimitErrorRetryHandler, RetryState
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse

SIGNING_SECRET = "test-signing-secret"


class InstantRateLimitRetry(RateLimitErrorRetryHandler):
    """slack_sdk's 429 retry handler without its sleep (Retry-After + up to 1 s), to keep tests fast."""

    def __init__(self, max_retry_count: int = 1, **kwargs: Any) -> None:
        super().__init__(max_retry_count=max_retry_count, **kwargs)
        self.waits: list[int] = []  # the Retry-After values it was asked to honour

    def prepare_for_next_attempt(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        assert response is not None
        retry_after = next(v for k, v in response.headers.items() if k.lower() == "retry-after")
        self.waits.append(int(retry_after[0]))
        state.next_attempt_requested = True
        state.increment_current_attempt()

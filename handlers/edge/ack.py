"""An acknowledgement, once given, stays given.

Bolt's thread runner (HTTP mode, process_before_response=False) waits for
`ack.response` in the request thread while the listener runs in a worker.
When a listener raises after `ack()`, the worker sets its local response to
None and then `ack.response = None` (slack_bolt/listener/thread_runner.py).
If that happens between two of the request thread's 10 ms polls, the ack is
never seen: the request waits the full 3 s and Bolt answers 404 "unhandled
request", while the error handler has already sent the apology.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, BoltContext, BoltResponse


class StickyAck(Ack):
    """`Ack` whose response cannot go back to None once set."""

    def __init__(self) -> None:
        self._response: BoltResponse | None = None
        super().__init__()

    @property
    def response(self) -> BoltResponse | None:
        return self._response

    @response.setter
    def response(self, value: BoltResponse | None) -> None:
        if value is None and self._response is not None:
            return  # the listener acknowledged; Slack must get that answer
        self._response = value


def keep_the_ack(context: BoltContext, next: Callable[[], Any]) -> Any:  # noqa: A002 - Bolt's name
    # Replaced before any listener runs: the runner reads context.ack after middleware.
    if "ack" not in context or context["ack"].response is None:
        context["ack"] = StickyAck()
    return next()

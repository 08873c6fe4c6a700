"""Failure injection: the errors, rate limits and outages a test asks the fake Slack for.

Not thread-safe on its own: `FakeSlack` calls it under its lock.
"""

from __future__ import annotations

import math
import random
from collections import deque
from collections.abc import Callable, Collection
from dataclasses import dataclass

from bot.fake_slack.wire import FakeResponse

WINDOW_SECONDS = 60.0


def rate_limited(retry_after: int) -> FakeResponse:
    """Slack's answer to too many calls: HTTP 429, Retry-After in whole seconds."""
    return FakeResponse.failure(
        "ratelimited", status=429, headers={"Retry-After": str(max(0, int(retry_after)))}
    )


def server_error(status: int) -> FakeResponse:
    return FakeResponse.failure("fatal_error" if status == 500 else "service_unavailable", status=status)


@dataclass
class _Queued:
    response: FakeResponse
    remaining: int


@dataclass
class _Fraction:
    fraction: float
    retry_after: int
    rng: random.Random
    methods: frozenset[str] | None


class FaultPlan:
    """Answers a call with an injected failure instead of letting the method run."""

    def __init__(self, known_methods: Collection[str], clock: Callable[[], float]) -> None:
        self._known = frozenset(known_methods)
        self._clock = clock
        self._queued: dict[str, deque[_Queued]] = {}
        self._fraction: _Fraction | None = None
        self._per_minute: dict[str, int] = {}
        self._admitted: dict[str, deque[float]] = {}

    def _check(self, method: str) -> None:
        # A typo ("chat_postMessage") would otherwise make a test pass for the wrong reason.
        if method not in self._known:
            raise ValueError(f"fake Slack does not implement {method!r}; known: {sorted(self._known)}")

    def queue(self, method: str, response: FakeResponse, times: int) -> None:
        self._check(method)
        if times < 1:
            raise ValueError("times must be at least 1")
        self._queued.setdefault(method, deque()).append(_Queued(response, times))

    def set_fraction(
        self, fraction: float, retry_after: int, seed: int, methods: Collection[str] | None
    ) -> None:
        if not 0.0 <= fraction <= 1.0:
            raise ValueError("fraction must be between 0 and 1")
        for method in methods or ():
            self._check(method)
        self._fraction = (
            _Fraction(fraction, retry_after, random.Random(seed), frozenset(methods) if methods else None)
            if fraction > 0
            else None
        )

    def set_rate_limit(self, method: str, per_minute: int | None) -> None:
        self._check(method)
        if per_minute is None:
            self._per_minute.pop(method, None)
            self._admitted.pop(method, None)
            return
        if per_minute < 1:
            raise ValueError("per_minute must be at least 1")
        self._per_minute[method] = per_minute

    def clear(self) -> None:
        self._queued.clear()
        self._fraction = None
        self._per_minute.clear()
        self._admitted.clear()

    def intercept(self, method: str) -> FakeResponse | None:
        """The failure this call gets, or None to let the method run.

        Explicitly queued failures come first (a test asked for exactly that),
        then the random share, then the per-minute limit.
        """
        queue = self._queued.get(method)
        if queue:
            head = queue[0]
            head.remaining -= 1
            if head.remaining == 0:
                queue.popleft()
            return head.response
        chance = self._fraction
        applies = chance is not None and (chance.methods is None or method in chance.methods)
        if chance is not None and applies and chance.rng.random() < chance.fraction:
            return rate_limited(chance.retry_after)
        return self._sliding_window(method)

    def _sliding_window(self, method: str) -> FakeResponse | None:
        limit = self._per_minute.get(method)
        if limit is None:
            return None
        now = self._clock()
        admitted = self._admitted.setdefault(method, deque())
        while admitted and admitted[0] <= now - WINDOW_SECONDS:
            admitted.popleft()
        if len(admitted) >= limit:
            # The earliest call leaves the window at admitted[0] + 60: that is when one more fits.
            wait = admitted[0] + WINDOW_SECONDS - now
            return rate_limited(max(1, math.ceil(wait)))
        admitted.append(now)
        return None

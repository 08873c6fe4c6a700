"""The fake Slack Web API of the load benchmark, in a process of its own.

Answering a few thousand Web API calls (Block Kit checks included) takes CPU;
in the process that sends the load and reads the clock it would delay the
very replies being timed. So each fake Slack (`FakeSlackServer`) lives in a
`multiprocessing` manager's process, and the benchmark talks to it through a
proxy: seeding users and nudge messages, and checking afterwards that every
Web API call the mix asks for arrived and was accepted.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from multiprocessing.managers import BaseManager
from typing import Any

from bot.fake_slack import RESPONSE_URL, FakeSlack, FakeSlackServer

# One Web API call a request must cause: (method, whom or what it names), e.g.
# ("views.publish", "UR00042"), ("views.open", trigger_id), ("response_url", token), ("chat.update", ts).
Expected = tuple[str, str]


def call_key(method: str, params: dict[str, Any]) -> Expected:
    """What an accepted call is counted as, so that expectations need no payload."""
    if method == RESPONSE_URL:
        return method, str(params.get("token"))
    if method in ("views.open", "views.push"):
        return method, str(params.get("trigger_id"))
    if method == "chat.update":
        return method, str(params.get("ts"))
    if method == "chat.postMessage":
        channel = str(params.get("channel"))
        return method, channel[1:] if channel.startswith("DU") else channel  # a DM names its person
    if method in ("views.publish", "users.info"):
        return method, str(params.get("user_id") or params.get("user"))
    return method, ""


class SlackHost:
    """A `FakeSlack` served over HTTP, living in the manager's process."""

    def __init__(self, team_id: str, people: Sequence[tuple[str, str, str]]) -> None:
        self._fake = FakeSlack(team_id=team_id)
        for user_id, name, tz in people:
            self._fake.add_user(user_id, name, tz)
        self._server = FakeSlackServer(self._fake).start()

    def addresses(self) -> tuple[str, str, str]:
        """(SLACK_API_URL, the response_url base, the bot token)."""
        return self._server.base_url, self._server.response_url_base, self._fake.bot_token

    def post_nudges(self, reps: Sequence[str], blocks: list[dict[str, Any]]) -> dict[str, tuple[str, str]]:
        """Today's challenge nudge in each rep's DM, as the dispatcher sent it: rep -> (channel, ts)."""
        sent = {}
        for rep in reps:
            answer = self._fake.handle("chat.postMessage", {"channel": rep, "text": "Today's challenge",
                                                            "blocks": blocks}, self._fake.bot_token)
            assert answer.ok, answer.error
            sent[rep] = (str(answer.body["channel"]), str(answer.body["ts"]))
        self._fake.reset_calls()
        return sent

    def accepted(self) -> dict[Expected, int]:
        """Every call Slack accepted so far, counted by `call_key`."""
        return dict(Counter(call_key(c.method, c.params) for c in self._fake.calls if c.ok))

    def last_accepted_at(self) -> float:
        """`time.monotonic()` (the same clock in every process on Linux) of the last accepted call."""
        return max((c.at for c in self._fake.calls if c.ok), default=0.0)

    def accepted_at(self, keys: Sequence[Expected]) -> dict[Expected, float]:
        """When each of `keys` was first accepted (`time.monotonic()`), for those that were."""
        wanted, first = set(keys), {}
        for call in self._fake.calls:
            key = call_key(call.method, call.params)
            if call.ok and key in wanted and key not in first:
                first[key] = call.at
        return first

    def refused(self) -> list[tuple[str, str]]:
        return [(c.method, c.error or str(c.status)) for c in self._fake.calls if not c.ok]

    def missing(self, expected: Sequence[Expected]) -> list[Expected]:
        """The expected calls (a multiset) that have not arrived, accepted, yet."""
        left = Counter(call_key(c.method, c.params) for c in self._fake.calls if c.ok)
        absent = []
        for key in expected:
            if left[key] > 0:
                left[key] -= 1
            else:
                absent.append(key)
        return absent

    def wait_for(self, expected: Sequence[Expected], timeout: float) -> list[Expected]:
        """Wait (polling the record) until every expected call arrived; returns what is still missing."""
        with suppress(AssertionError):  # said by what is returned
            self._fake.wait_for(lambda: not self.missing(expected), timeout=timeout, interval=0.05)
        return self.missing(expected)

    def last_params(self, method: str, key: str | None = None) -> dict[str, Any]:
        """The parameters of the last accepted call to `method` (naming `key`, when given)."""
        for call in reversed(self._fake.calls):
            if call.method == method and call.ok and (key is None or call_key(method, call.params)[1] == key):
                return dict(call.params)
        raise LookupError(f"no accepted {method} call" + (f" for {key}" if key else ""))

    def reset(self) -> None:
        self._fake.reset_calls()

    def stop(self) -> None:
        self._server.stop()


class _Manager(BaseManager):
    pass


_Manager.register("SlackHost", SlackHost)


@contextmanager
def slack_process() -> Iterator[Any]:
    """A process hosting fake Slacks: `host = manager.SlackHost(team, people)` returns a proxy."""
    manager = _Manager(ctx=multiprocessing.get_context("spawn"))
    manager.start()
    try:
        yield manager
    finally:
        manager.shutdown()

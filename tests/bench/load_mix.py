"""The load benchmark's requests and the driver that sends them.

The mix, in turn: `/scorecard` (a rep's own), `/debrief` (opens the modal), the
debrief modal submitted, "Did it" on a challenge nudge, and App Home opened
(half by reps, half by managers). Each request is signed as Slack signs it
and says which Web API calls it must cause, so the figures are of real work.
"""

from __future__ import annotations

import http.client
import random
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from bot.fake_slack import SignedRequest, SlackRequests
from bot.modal_values import debrief_values
from handlers.blocks.challenge import day_value
from handlers.edge import ids
from tests.bench.load_seed import People, local_today
from tests.bench.load_slack import Expected

KINDS = ("/scorecard", "/debrief", "debrief submitted", "challenge button", "App Home opened")
ANSWERS = ("Asked about budget early", "Let them talk longer", "Quantify the pain before the demo")
INDICATORS = {"discovery_questions_asked": "6", "business_impact_quantified": "yes", "stakeholders_identified": "2",
              "next_step_defined": "yes", "trial_closes_attempted": "1"}


@dataclass(frozen=True)
class Planned:
    kind: str
    request: SignedRequest
    expected: tuple[Expected, ...]


@dataclass
class Outcome:
    kind: str
    status: int
    body: str
    ms: float


@dataclass
class Mix:
    """Builds the requests of one app: its own signed requests, its own nudges' channel and ts."""

    people: People
    requests: SlackRequests
    challenges: dict[str, int]
    nudges: dict[str, tuple[str, str]]  # rep -> (channel, ts) of today's nudge in this app's fake Slack
    modal_blocks: list[dict[str, Any]] = field(default_factory=list)
    _clicked: set[str] = field(default_factory=set)
    _random: random.Random = field(default_factory=lambda: random.Random(14))

    def plan(self, count: int) -> list[Planned]:
        return [self._one(KINDS[n % len(KINDS)], n) for n in range(count)]

    def _rep(self) -> str:
        return self.people.rep_id(self._random.randrange(self.people.reps))

    def _one(self, kind: str, n: int) -> Planned:
        rep = self._rep()
        if kind == "/scorecard":
            request = self.requests.slash_command(rep, ids.SCORECARD_COMMAND, "")
            return Planned(kind, request, (("response_url", request.response_token or ""),))
        if kind == "/debrief":
            request = self.requests.slash_command(rep, ids.DEBRIEF_COMMAND, "Acme")
            return Planned(kind, request, (("views.open", request.payload["trigger_id"]),))
        manager = self.people.manager_of(rep)
        if kind == "debrief submitted":
            yesterday = local_today(self.people.zone_of(rep)) - timedelta(days=1)
            values = debrief_values(f"Account {n}", yesterday, ANSWERS, "discovery", indicators=INDICATORS)
            request = self.requests.view_submission(rep, ids.DEBRIEF_VIEW, values, private_metadata="{}",
                                                    blocks=self.modal_blocks)
            return Planned(kind, request, (("chat.postMessage", rep), ("views.publish", rep),
                                           ("views.publish", manager)))
        if kind == "challenge button":
            rep = self._unclicked()
            manager = self.people.manager_of(rep)
            channel, ts = self.nudges[rep]
            day = local_today(self.people.zone_of(rep))
            request = self.requests.block_actions(
                rep, ids.CHALLENGE_DONE, value=day_value(self.challenges.get(rep, 0), day), channel_id=channel,
                container={"type": "message", "message_ts": ts, "channel_id": channel, "is_ephemeral": False},
                message={"ts": ts, "text": "Today's challenge"})
            return Planned(kind, request, (("chat.update", ts), ("views.publish", rep), ("views.publish", manager)))
        user = rep if n % 2 else manager
        request = self.requests.app_home_opened(user)
        return Planned(kind, request, (("users.info", user), ("views.publish", user)))

    def _unclicked(self) -> str:
        """A rep whose nudge nobody answered yet in this run (each answer is a new day's record)."""
        left = sorted(set(self.nudges) - self._clicked)
        assert left, "more challenge clicks than nudges sent; send more nudges"
        chosen = self._random.choice(left)
        self._clicked.add(chosen)
        return chosen


def clicks_needed(total: int) -> int:
    """How many challenge nudges `total` requests of the mix answer."""
    return -(-total // len(KINDS))


def drive(url: str, planned: Sequence[Planned], concurrency: int) -> tuple[list[Outcome], float]:
    """POST every request to url's /slack/events from `concurrency` keep-alive connections at once;
    (each request's outcome, the wall-clock seconds for all of them)."""
    host, port = url.removeprefix("http://").split(":")
    outcomes: list[Outcome | None] = [None] * len(planned)
    cursor = iter(range(len(planned)))
    lock = threading.Lock()

    def worker() -> None:
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        try:
            while True:
                with lock:
                    index = next(cursor, None)
                if index is None:
                    return
                item = planned[index]
                body = item.request.body.encode()
                started = time.perf_counter()
                connection.request("POST", "/slack/events", body=body, headers=item.request.headers)
                response = connection.getresponse()
                text = response.read().decode()
                elapsed = (time.perf_counter() - started) * 1000
                outcomes[index] = Outcome(item.kind, response.status, text, elapsed)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, name=f"load-{n}") for n in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    done = [o for o in outcomes if o is not None]
    assert len(done) == len(planned), f"{len(planned) - len(done)} requests got no answer"
    return done, wall


def wrong_answers(outcomes: Sequence[Outcome]) -> list[str]:
    """Every request not answered as Slack expects: 200, and a submission accepted (no inline errors)."""
    return [f"{o.kind}: HTTP {o.status} {o.body[:200]}" for o in outcomes
            if o.status != 200 or (o.kind == "debrief submitted" and "errors" in o.body)]

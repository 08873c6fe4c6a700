"""Issue 15: the daily time zone refresh finishes for 100,000 people, paced, resumable, on a simulated clock."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

from bot.app import build_services
from bot.config import load_settings
from domain.model import Member, Workspace, WorkspaceRef
from domain.services.roster import RosterService
from handlers.edge.services import Services
from handlers.jobs.refresh_profiles import PAGE, refresh_profiles
from tests.fakes import FakeStore

WS = WorkspaceRef("T100K")


class SimulatedClock:
    """`sleep` advances the time: no test here really waits."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def _answer(status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> SlackResponse:
    return SlackResponse(client=None, http_verb="POST", api_url="https://slack.com/api/users.list",
                         req_args={}, data=body, headers=headers or {}, status_code=status)


class TierTwoUsersList:
    """`users.list` as Slack enforces Tier 2: 20 calls in any 60 seconds, else 429 with Retry-After.

    `burst[page]` more 429s are answered for that page before it is served;
    `fail_on_call` answers a non-429 error once; a cursor it never gave answers `invalid_cursor`.
    """

    def __init__(self, clock: SimulatedClock, people: int, tz: str = "Europe/Paris") -> None:
        self.clock = clock
        self.user_ids = [f"U{n:06d}" for n in range(people)]
        self.tz = tz
        self.calls: list[float] = []  # when each call came, answered or not
        self.served_at: list[float] = []  # when each page was served: the window counts these
        self.served: list[int] = []  # the first index of each page served
        self.rate_limited = 0
        self.burst: dict[int, int] = {}
        self.fail_on_call: int | None = None

    def users_list(self, limit: int, cursor: str | None = None) -> dict[str, Any]:
        now = self.clock()
        recent = [t for t in self.served_at[-20:] if t > now - 60]
        self.calls.append(now)
        if len(recent) >= 20:
            self._limit(recent[0] + 60 - now)
        if self.fail_on_call is not None and len(self.calls) == self.fail_on_call:
            self.fail_on_call = None
            raise SlackApiError("internal_error", _answer(200, {"ok": False, "error": "internal_error"}))
        if cursor is not None and not cursor.startswith("page:"):
            raise SlackApiError("invalid_cursor", _answer(200, {"ok": False, "error": "invalid_cursor"}))
        start = int(cursor.removeprefix("page:")) if cursor else 0
        if self.burst.get(start // limit, 0) > 0:
            self.burst[start // limit] -= 1
            self._limit(1)
        self.served.append(start)
        self.served_at.append(now)
        following = start + limit
        return {
            "ok": True,
            "members": [{"id": uid, "name": uid.lower(), "real_name": f"Person {uid}", "tz": self.tz}
                        for uid in self.user_ids[start:following]],
            "response_metadata": {"next_cursor": f"page:{following}" if following < len(self.user_ids) else ""},
        }

    def _limit(self, retry_after: float) -> None:
        self.rate_limited += 1
        raise SlackApiError("ratelimited", _answer(429, {"ok": False, "error": "ratelimited"},
                                                   {"Retry-After": str(max(1, int(retry_after + 0.999)))}))


def _workspace_of(store: FakeStore, people: int, every: int = 1) -> None:
    """Coachflow knows every `every`th of `people`, all in UTC, written straight into the fake's tables."""
    store.tables.workspaces[WS.team_id] = Workspace(WS)
    for n in range(0, people, every):
        uid = f"U{n:06d}"
        store.tables.members[(WS.team_id, uid)] = Member(workspace=WS, user_id=uid, name=uid, time_zone="UTC")


def _services(store: FakeStore) -> Services:
    # Without a schedule service: the fake's rescheduling is quadratic at this size, and rescheduling after a
    # refresh is covered in test_refresh_profiles.py; here the paging, pacing and cursor are under test.
    return replace(build_services(store.uow, load_settings(None)), roster=RosterService(store.uow))


def _in_paris(store: FakeStore) -> int:
    return sum(1 for m in store.tables.members.values() if m.time_zone == "Europe/Paris")


def _run(slack: TierTwoUsersList, store: FakeStore, clock: SimulatedClock) -> int:
    return refresh_profiles(slack, _services(store), WS, sleep=clock.sleep, clock=clock)  # type: ignore[arg-type]


def test_a_100000_person_workspace_is_refreshed_in_about_25_minutes_without_a_429() -> None:
    clock, store = SimulatedClock(), FakeStore()
    # Slack has 100,000 people; Coachflow knows one in ten, on every page (the fake's unit of work copies
    # every table, so 100,000 known people would only make the test slow, not the job).
    _workspace_of(store, 100_000, every=10)
    slack = TierTwoUsersList(clock, 100_000)

    changed = _run(slack, store, clock)

    assert slack.served == list(range(0, 100_000, PAGE))  # everyone read, each page once
    assert changed == 10_000 and _in_paris(store) == 10_000  # everyone known has their new time zone
    assert len(slack.calls) == 100_000 // PAGE and slack.rate_limited == 0
    assert 24 * 60 <= clock.now <= 26 * 60
    assert store.tables.refresh_cursors == {}  # finished: the next run starts from the first page


def test_bursts_of_429s_are_waited_out_however_many(caplog: pytest.LogCaptureFixture) -> None:
    clock, store = SimulatedClock(), FakeStore()
    _workspace_of(store, 20_000)
    slack = TierTwoUsersList(clock, 20_000)
    slack.burst = {3: 25, 60: 25}  # 50 in all, five times the old cap of ten

    with caplog.at_level(logging.WARNING):
        changed = _run(slack, store, clock)

    assert changed == 20_000 and slack.rate_limited == 50
    assert sorted(slack.served) == list(range(0, 20_000, PAGE))  # each page read once
    assert not caplog.records


def test_a_page_refused_too_often_stops_the_run_and_the_next_one_resumes_there(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock, store = SimulatedClock(), FakeStore()
    _workspace_of(store, 2_000)
    slack = TierTwoUsersList(clock, 2_000)
    slack.burst = {4: 31}

    with caplog.at_level(logging.WARNING):
        assert _run(slack, store, clock) == 4 * PAGE
    assert [r.getMessage() for r in caplog.records] == [
        ("time zone refresh of T100K stopped: users.list answered 429 31 times in a row for one page; "
         "the next run resumes from it"),
    ]
    assert store.tables.refresh_cursors == {WS.team_id: f"page:{4 * PAGE}"}

    clock.sleep(24 * 3600)  # tomorrow's run
    assert _run(slack, store, clock) == 2_000 - 4 * PAGE
    assert _in_paris(store) == 2_000 and store.tables.refresh_cursors == {}


def test_a_run_cut_short_by_an_error_resumes_from_the_saved_cursor() -> None:
    clock, store = SimulatedClock(), FakeStore()
    _workspace_of(store, 5_000)
    slack = TierTwoUsersList(clock, 5_000)
    slack.fail_on_call = 8  # seven pages read, then Slack fails

    with pytest.raises(SlackApiError):
        _run(slack, store, clock)
    assert _in_paris(store) == 7 * PAGE
    assert store.tables.refresh_cursors == {WS.team_id: f"page:{7 * PAGE}"}

    served_before = len(slack.served)
    assert _run(slack, store, clock) == 5_000 - 7 * PAGE
    assert slack.served[served_before:] == list(range(7 * PAGE, 5_000, PAGE))  # the first pages not read again
    assert _in_paris(store) == 5_000 and store.tables.refresh_cursors == {}


def test_a_cursor_slack_refuses_starts_the_list_over(caplog: pytest.LogCaptureFixture) -> None:
    clock, store = SimulatedClock(), FakeStore()
    _workspace_of(store, 1_000)
    store.tables.refresh_cursors[WS.team_id] = "dXNlcjpVMEc5V0ZYTlo="  # saved by a run weeks ago
    slack = TierTwoUsersList(clock, 1_000)

    with caplog.at_level(logging.WARNING):
        assert _run(slack, store, clock) == 1_000
    assert slack.served == list(range(0, 1_000, PAGE))
    assert "invalid_cursor" in caplog.text and store.tables.refresh_cursors == {}

"""The manager's debrief digest: one DM per burst of debriefs, after a quiet period, in their working hours, once."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.delivery import DeliveryStatus
from domain.model import QuietHours, WorkspaceSettings
from domain.notifications.debrief_digest import QUIET, DebriefDigestNote, digest_moment
from domain.notifications.registry import KINDS
from tests.unit.domain.prompts.world import World, local, manager, rep

KIND = "debrief_digest"
NY = "America/New_York"


def ny(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return local(NY, 2026, month, day, hour, minute)


@pytest.fixture
def world() -> World:
    world = World(now=ny(11, 2, 8))
    world.setup(WorkspaceSettings(), manager(), rep("UA", NY), rep("UB", "Europe/Berlin"),
                manager("UMGR2", "America/Chicago"), rep("UC", "America/Chicago", manager_id="UMGR2"))
    return world


def _accounts(note: object) -> list[str]:
    assert isinstance(note, DebriefDigestNote)
    return [line.debrief.call.account for line in note.lines]


def _every_minute(world: World, start: datetime, end: datetime) -> None:
    world.run(start, end, timedelta(minutes=1))


def test_five_debriefs_in_a_row_give_one_digest_of_five_lines_after_the_quiet_period(world: World) -> None:
    for n in range(5):  # Alex logs a debrief a minute, from 14:00 to 14:04
        world.debrief("UA", ny(11, 2, 14, n), account=f"Account {n}")
        world.tick(ny(11, 2, 14, n))

    _every_minute(world, ny(11, 2, 14, 5), ny(11, 2, 15))

    [digest] = world.of_kind(KIND)
    assert digest.recipient == "UMGR" and digest.at == ny(11, 2, 14, 9)  # the last one + QUIET
    assert _accounts(digest.content) == [f"Account {n}" for n in range(5)]
    assert world.of_kind(KIND, "UMGR2") == []  # another manager's team is not theirs to hear of


def test_a_debrief_after_the_digest_went_starts_a_new_digest_with_only_itself(world: World) -> None:
    world.debrief("UA", ny(11, 2, 14), account="Acme")
    world.debrief("UB", ny(11, 2, 14, 2), account="Globex")
    _every_minute(world, ny(11, 2, 14), ny(11, 2, 14, 30))
    world.debrief("UA", ny(11, 2, 16), account="Initech")
    _every_minute(world, ny(11, 2, 16), ny(11, 2, 16, 30))

    first, second = world.of_kind(KIND, "UMGR")
    assert (first.at, _accounts(first.content)) == (ny(11, 2, 14, 7), ["Acme", "Globex"])
    assert (second.at, _accounts(second.content)) == (ny(11, 2, 16, 5), ["Initech"])


def test_a_debrief_logged_while_a_digest_is_queued_moves_it_and_joins_it(world: World) -> None:
    world.debrief("UA", ny(11, 2, 14), account="Acme")
    world.schedules.plan(ny(11, 2, 14, 5))  # queued for 14:05 ...
    world.debrief("UA", ny(11, 2, 14, 5, ), account="Globex")  # ... and one more arrives before the drain

    _every_minute(world, ny(11, 2, 14, 5), ny(11, 2, 14, 30))

    [digest] = world.of_kind(KIND)
    assert (digest.at, _accounts(digest.content)) == (ny(11, 2, 14, 10), ["Acme", "Globex"])
    rows = world.rows(KIND)
    assert rows["UMGR/debriefs@20261102T1905Z"] == (DeliveryStatus.SKIPPED, "nothing to send any more")
    assert rows["UMGR/debriefs@20261102T1910Z"][0] is DeliveryStatus.SENT


def test_it_waits_for_the_managers_working_hours_and_takes_what_came_meanwhile() -> None:
    world = World(now=ny(11, 6, 8))
    world.setup(WorkspaceSettings(quiet_hours=QuietHours(time(20), time(7))), manager(), rep("UA", NY))
    world.debrief("UA", ny(11, 6, 19, 58), account="Friday evening")  # due 20:03: quiet hours, then the weekend
    world.debrief("UA", ny(11, 7, 10), account="Saturday")

    world.run(ny(11, 6, 19), ny(11, 9, 12), timedelta(minutes=15))

    [digest] = world.of_kind(KIND)
    assert digest.at == ny(11, 9, 7)  # Monday, when quiet hours end
    assert _accounts(digest.content) == ["Friday evening", "Saturday"]


def test_a_manager_away_hears_when_back_and_one_who_opted_out_hears_nothing(world: World) -> None:
    world.update(manager(paused_until=date(2026, 11, 4)))  # back on Wednesday
    world.update(manager("UMGR2", "America/Chicago", muted_kinds=frozenset({KIND})))
    world.debrief("UA", ny(11, 2, 11), account="Acme")
    world.debrief("UC", ny(11, 2, 11), account="Globex")

    world.run(ny(11, 2, 11), ny(11, 4, 12), timedelta(minutes=15))

    [digest] = world.of_kind(KIND)
    assert (digest.recipient, digest.at, _accounts(digest.content)) == ("UMGR", ny(11, 4, 8), ["Acme"])


def test_after_downtime_a_stale_digest_is_skipped_and_its_debriefs_come_with_the_next(world: World) -> None:
    world.debrief("UA", ny(11, 2, 14), account="Acme")
    world.tick(ny(11, 2, 14, 1))
    world.tick(ny(11, 5, 9))  # down from Monday 14:01 to Thursday 09:00: more than two days late
    world.debrief("UA", ny(11, 5, 10), account="Globex")
    _every_minute(world, ny(11, 5, 10), ny(11, 5, 10, 30))

    [digest] = world.of_kind(KIND)
    assert (digest.at, _accounts(digest.content)) == (ny(11, 5, 10, 5), ["Acme", "Globex"])
    status, reason = world.rows(KIND)["UMGR/debriefs@20261102T1905Z"]
    assert status is DeliveryStatus.SKIPPED and reason is not None and reason.startswith("stale")


def test_each_digest_is_sent_exactly_once_whatever_the_ticks(world: World) -> None:
    world.debrief("UA", ny(11, 2, 14), account="Acme")
    for at in (ny(11, 2, 14, 5), ny(11, 2, 14, 5), ny(11, 2, 14, 6), ny(11, 2, 18)):
        world.tick(at)
        world.schedules.plan(at)  # a second dispatcher planning the same minute
        world.schedules.refresh_people(world.store.tables.workspaces["T1"].ref, ["UMGR"], at)
    assert len(world.of_kind(KIND)) == 1


@pytest.mark.parametrize(("tz", "newest", "expected"), [
    # Honolulu (UTC-10): Friday 13:00 local, 13:05 local.
    ("Pacific/Honolulu", datetime(2026, 11, 6, 23, 0, 10, tzinfo=UTC), datetime(2026, 11, 6, 23, 6, tzinfo=UTC)),
    # Kiritimati (UTC+14): Saturday 13:00 local, so Monday 08:00 local (Sunday 18:00 UTC).
    ("Pacific/Kiritimati", datetime(2026, 11, 6, 23, 0, tzinfo=UTC), datetime(2026, 11, 8, 18, 0, tzinfo=UTC)),
    # New York across its clocks going back: Saturday's debrief waits for Monday 08:00 EST, 13:00 UTC.
    ("America/New_York", datetime(2026, 10, 31, 14, 0, tzinfo=UTC), datetime(2026, 11, 2, 13, 0, tzinfo=UTC)),
])
def test_the_digest_moment_is_in_the_managers_own_working_hours(tz: str, newest: datetime, expected: datetime) -> None:
    assert digest_moment(newest, manager(tz=tz), WorkspaceSettings()) == expected


def test_a_moment_inside_a_spring_forward_gap_moves_to_its_end() -> None:
    every_day = WorkspaceSettings(working_days=frozenset(range(7)), quiet_hours=QuietHours(time(22), time(2, 30)))
    newest = datetime(2026, 3, 8, 3, 0, tzinfo=UTC)  # Saturday 22:00 EST, in quiet hours until Sunday 02:30
    moment = digest_moment(newest, manager(), every_day)
    # 02:30 does not exist on 8 March 2026 in New York: the first minute after the gap, 03:00 EDT.
    assert moment == datetime(2026, 3, 8, 7, 0, tzinfo=UTC)
    assert moment is not None and moment.astimezone(ZoneInfo(NY)).hour == 3


def test_the_moment_is_on_the_minute_and_at_least_quiet_after_the_newest_debrief() -> None:
    newest = datetime(2026, 11, 2, 15, 3, 20, 5, tzinfo=UTC)
    moment = digest_moment(newest, manager(), WorkspaceSettings())
    assert moment == datetime(2026, 11, 2, 15, 9, tzinfo=UTC) and moment - newest >= QUIET
    assert digest_moment(newest, manager(), WorkspaceSettings(working_days=frozenset())) is None


def test_coach_notify_says_when_each_comes() -> None:
    assert KINDS["debrief_prompt"].timing == "17:00 your time"
    assert KINDS["debrief_digest"].timing == "5 min after your reps' last debrief, in your working hours"


def test_a_manager_away_longer_than_the_digest_reaches_back_gets_none_and_the_next_one_takes_what_fits() -> None:
    world = World(now=ny(11, 2, 8))
    world.setup(WorkspaceSettings(), manager(paused_until=date(2026, 11, 20)), rep("UA", NY))
    world.debrief("UA", ny(11, 2, 11), account="Before the holiday")  # Monday; back 18 days later
    world.run(ny(11, 2, 11), ny(11, 20, 12), timedelta(hours=1))
    assert world.of_kind(KIND) == []

    world.debrief("UA", ny(11, 20, 12), account="After")
    world.run(ny(11, 20, 12), ny(11, 20, 13), timedelta(minutes=5))

    [digest] = world.of_kind(KIND)
    assert _accounts(digest.content) == ["After"]  # 18 days back is past DIGEST_SPAN

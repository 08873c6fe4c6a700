"""The workspace's own check-in slot through the dispatch tick (`/coach admin checkin second wed 09:00`).

Lena (London) and Nia (New York) are in maintenance. The admin moves the
check-in to the second Wednesday at 09:00: nothing on the first Tuesday,
then 09:00 on each wall on the second Wednesday. Moved again after
November's went out, November is not asked twice; December follows the new slot.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from tests.handlers.jobs.steps import T1
from tests.handlers.jobs.test_maintenance_checkin import _arrivals, _count, _team_in_maintenance


def _maya_is_admin(uow_factory) -> None:
    with uow_factory() as uow:
        maya = uow.members.get(T1, "UMGR")
        assert maya is not None
        uow.members.update(replace(maya, is_admin=True))
        uow.commit()


def test_the_second_wednesday_at_nine_in_two_zones_and_a_move_never_asks_a_month_twice(world, uow_factory) -> None:
    fake, time, services, _client, _job = world
    _team_in_maintenance(world, uow_factory)
    _maya_is_admin(uow_factory)
    services.preferences.set_checkin_time(T1, "UMGR", "second wed 09:00")

    assert _arrivals(world, date(2026, 10, 6)) == {}  # the first Tuesday: not any more
    # London on summer time (UTC+1), New York on daylight time (UTC-4): 09:00 on both walls.
    assert _arrivals(world, date(2026, 10, 14)) == {"ULENA": datetime(2026, 10, 14, 8, tzinfo=UTC),
                                                    "UNIA": datetime(2026, 10, 14, 13, tzinfo=UTC)}
    [october] = [m for m in fake.messages_to("ULENA") if "October 2026" in m["text"]]
    assert "The second Wednesday of each month at 09:00 your time" in str(october["blocks"])
    # November, after both clock changes: still 09:00 on the wall.
    assert _arrivals(world, date(2026, 11, 11)) == {"ULENA": datetime(2026, 11, 11, 9, tzinfo=UTC),
                                                    "UNIA": datetime(2026, 11, 11, 14, tzinfo=UTC)}

    # Moved to the third Thursday after November's went out: November is not asked again ...
    time.now = datetime(2026, 11, 12, 12, tzinfo=UTC)
    found = services.preferences.set_checkin_time(T1, "UMGR", "third thu 09:00")
    assert found.words == "Third Thursday of the month at 09:00"
    assert _arrivals(world, date(2026, 11, 19)) == {}
    # ... and December comes on the new slot, to Otto too: his cycle (begun 28 September) is past week 8 by then.
    assert _arrivals(world, date(2026, 12, 17)) == {"ULENA": datetime(2026, 12, 17, 9, tzinfo=UTC),
                                                    "UNIA": datetime(2026, 12, 17, 14, tzinfo=UTC),
                                                    "UOTTO": datetime(2026, 12, 17, 14, tzinfo=UTC)}
    assert (_count(fake, "ULENA"), _count(fake, "UNIA"), _count(fake, "UOTTO"), _count(fake, "UMGR")) == (3, 3, 1, 0)


def test_back_to_the_default_before_the_month_was_asked_sends_it_on_the_first_tuesday(world, uow_factory) -> None:
    _fake, time, services, _client, _job = world
    _team_in_maintenance(world, uow_factory)
    _maya_is_admin(uow_factory)
    services.preferences.set_checkin_time(T1, "UMGR", "fourth fri 16:00")
    time.now = datetime(2026, 10, 1, 12, tzinfo=UTC)
    found = services.preferences.set_checkin_time(T1, "UMGR", "default")
    assert found.is_default and found.words == "First Tuesday of the month at 10:00"
    assert _arrivals(world, date(2026, 10, 6)) == {"ULENA": datetime(2026, 10, 6, 9, tzinfo=UTC),
                                                   "UNIA": datetime(2026, 10, 6, 14, tzinfo=UTC)}
    assert _arrivals(world, date(2026, 10, 23)) == {}
